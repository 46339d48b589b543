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

-- The integer at key, or nil when absent; on a bad key: nil and the problem reply.
local function read(key)
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

-- The integer at key, or nil when absent; garbage is removed and reads as absent.
local function read_or_repair(key)
  local value, problem = read(key)
  if problem then
    local held = problem[1] == 'wrongtype' and ('a Redis ' .. redis.call('TYPE', key)['ok']) or shown(problem[3])
    remove_garbage(key, held)
    return nil
  end
  return value
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

-- The reply: the integers, then the garbage removed on the way (key, what it held, ...).
local function reply(integers)
  for _, item in ipairs(repaired) do
    table.insert(integers, item)
  end
  return integers
end

