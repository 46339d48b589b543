-- Helpers shared by every Lasier script. A script answers a table of integers on success. The strict helpers
-- (used by the key-value storage's incr) answer {'badvalue', key, value} / {'wrongtype', key} instead when a key
-- holds something unusable, found before anything is written. The circuit scripts repair such a key instead: it is
-- deleted and read as absent in the same atomic step, and the reply names it after the integers (see repaired).

-- Key, what it held, key, what it held, ...: the garbage this run removed, appended to the reply.
local repaired = {}

-- What a garbage value looks like in the warning: cut short, garbage can be large.
local function shown(value)
  if string.len(value) > 64 then
    return "'" .. string.sub(value, 1, 64) .. "...'"
  end
  return "'" .. value .. "'"
end

-- The integer at key as Redis holds it (decimal text), or nil when absent; on a bad key: nil and the problem reply.
-- The text is what tokens are compared by: a Lua number (a double) cannot tell every pair of 64-bit tokens apart.
local function read_text(key)
  local value = redis.pcall('GET', key)
  if type(value) == 'table' then
    return nil, {'wrongtype', key}
  end
  if not value then
    return nil
  end
  if string.len(value) > 20 or not (value == '0' or string.match(value, '^%-?[1-9]%d*$')) then
    return nil, {'badvalue', key, value}
  end
  return value
end

-- The integer at key, or nil when absent; on a bad key: nil and the problem reply.
local function read(key)
  local value, problem = read_text(key)
  if problem then
    return nil, problem
  end
  return tonumber(value)
end

-- Deletes the garbage at key and remembers it for the reply.
local function remove_garbage(key, held)
  redis.call('DEL', key)
  table.insert(repaired, key)
  table.insert(repaired, held)
end

-- Garbage is a value that is not an integer, a key of another type, or a counter that cannot be incremented.
local function is_garbage_error(err)
  return string.find(err, 'WRONGTYPE', 1, true) or string.find(err, 'not an integer', 1, true)
      or string.find(err, 'overflow', 1, true)
end

-- The integer at key as text, or nil when absent; garbage is removed and reads as absent.
local function read_text_or_repair(key)
  local value, problem = read_text(key)
  if problem then
    local held = problem[1] == 'wrongtype' and ('a Redis ' .. redis.call('TYPE', key)['ok']) or shown(problem[3])
    remove_garbage(key, held)
    return nil
  end
  return value
end

-- The integer at key, or nil when absent; garbage is removed and reads as absent.
local function read_or_repair(key)
  local value = read_text_or_repair(key)
  return value and tonumber(value)
end

-- A key without expiry is given one: no counter may live forever (Lasier's add-then-incr can leave one).
local function ensure_ttl(key, ttl)
  if redis.call('PTTL', key) == -1 then
    redis.call('PEXPIRE', key, ttl)
  end
end

-- Adds one to the counter at key; a counter created (or found without expiry) gets ttl in the same step. On garbage:
-- nil and the problem reply, or with repair, the garbage is removed and the count starts again at 1. Any other error
-- (a full Redis refusing writes) fails the script: that is the store failing, not garbage.
local function count(key, ttl, repair)
  local total = redis.pcall('INCR', key)
  if type(total) == 'table' then
    local err = total.err or ''
    if not is_garbage_error(err) then
      error(total)
    end
    if repair then
      local held = string.find(err, 'WRONGTYPE', 1, true) and ('a Redis ' .. redis.call('TYPE', key)['ok'])
          or shown(redis.call('GET', key))
      remove_garbage(key, held)
      total = redis.call('INCR', key)
    elseif string.find(err, 'WRONGTYPE', 1, true) then
      return nil, {'wrongtype', key}
    else
      return nil, {'badvalue', key, redis.call('GET', key)}
    end
  end
  ensure_ttl(key, ttl)
  return total
end

-- -1 when the circuit is not open, else the milliseconds it stays open, or -2 when its flag never expires.
-- The flag means open only when it holds 1, as Lasier reads it; another integer means closed and stays; garbage is
-- removed (closed).
local function open_state(flag)
  local value = read_or_repair(flag)
  if value ~= 1 then
    return -1
  end
  local ttl = redis.call('PTTL', flag)
  if ttl == -1 then
    return -2
  end
  if ttl < 0 then
    return -1
  end
  return ttl
end

-- The number of a sliding window's current bucket, by the server's clock, so that every instance sharing the circuit
-- counts in the same bucket whatever its own clock says.
local function current_bucket(bucket_ms)
  local now = redis.call('TIME')
  local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  return math.floor(millis / bucket_ms)
end

-- The key of bucket number n of a sliding window's counter (Circuit.bucketKey).
local function bucket_key(counter, n)
  return counter .. ':' .. string.format('%d', n)
end

-- A sliding window's total: the sum of the counter's buckets n - buckets + 1 .. n; absent buckets count 0, garbage
-- is removed and counts 0.
local function window_total(counter, n, buckets)
  local total = 0
  for i = n - buckets + 1, n do
    total = total + (read_or_repair(bucket_key(counter, i)) or 0)
  end
  return total
end

-- A circuit as the scripts that open or close it receive it, so open, close and report-probe share one layout.
-- KEYS: flag, failure counter, [request counter], then with half-open: marker, successes, lease 1..N.
-- ARGV: counters (1 or 2), bucket ms (0 unless a sliding window), buckets, circuit timeout ms, marker TTL at open ms;
-- a script's own arguments follow (ARGV[6] on).
local function circuit()
  local counters = tonumber(ARGV[1])
  return {
    flag = KEYS[1],
    counters = {unpack(KEYS, 2, 1 + counters)},
    bucket_ms = tonumber(ARGV[2]),
    buckets = tonumber(ARGV[3]),
    timeout = ARGV[4],
    marker_ttl = ARGV[5],
    -- nil without half-open
    marker = KEYS[2 + counters],
    -- where the successes counter is: the first probe key, the leases follow it
    first_probe_key = 3 + counters,
  }
end

-- The keys holding the circuit's counts. A sliding window's buckets outlive the window by one bucket, so the bucket
-- just before the window may still exist: n - buckets .. n.
local function count_keys(c)
  if c.bucket_ms == 0 then
    return c.counters
  end
  local keys = {}
  local n = current_bucket(c.bucket_ms)
  for _, counter in ipairs(c.counters) do
    for i = n - c.buckets, n do
      table.insert(keys, bucket_key(counter, i))
    end
  end
  return keys
end

-- Lasier's open, and with half-open a new round: the marker outlives the flag (by two probe timeouts, see
-- Circuit.halfOpenMillisAtOpen) so the first probe can be asked for, and no lease or success of a past round counts.
local function open_circuit(c)
  redis.call('SET', c.flag, '1', 'PX', c.timeout)
  redis.call('DEL', unpack(count_keys(c)))
  if c.marker then
    redis.call('SET', c.marker, '1', 'PX', c.marker_ttl)
    redis.call('DEL', unpack(KEYS, c.first_probe_key))
  end
end

-- Closed means no key left: no flag, no counts, no half-open round.
local function close_circuit(c)
  redis.call('DEL', c.flag, unpack(count_keys(c)))
  if c.marker then
    redis.call('DEL', unpack(KEYS, c.first_probe_key - 1))
  end
end

-- The reply: the integers, then the garbage removed on the way (key, what it held, ...).
local function reply(integers)
  for _, item in ipairs(repaired) do
    table.insert(integers, item)
  end
  return integers
end

