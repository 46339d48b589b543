-- Helpers shared by every Lasier script. A script answers a table: integers on success, or
-- {'badvalue', key, value} / {'wrongtype', key} when a key holds something unusable. Problems are found
-- before anything is written, so a bad key never leaves a half-recorded event behind.

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

-- A key without expiry is given one: no counter may live forever (Lasier's add-then-incr can leave one).
local function ensure_ttl(key, ttl)
  if redis.call('PTTL', key) == -1 then
    redis.call('PEXPIRE', key, ttl)
  end
end

-- Adds one to the counter at key; a counter created (or found without expiry) gets ttl in the same step.
local function count(key, ttl)
  local total = redis.pcall('INCR', key)
  if type(total) == 'table' then
    if string.find(total.err or '', 'WRONGTYPE', 1, true) then
      return nil, {'wrongtype', key}
    end
    return nil, {'badvalue', key, redis.call('GET', key)}
  end
  ensure_ttl(key, ttl)
  return total
end

-- -1 when the circuit is not open, else the milliseconds it stays open, or -2 when its flag never expires.
-- The flag means open only when it holds 1, as Lasier reads it.
local function open_state(flag)
  local value, problem = read(flag)
  if problem then
    return nil, problem
  end
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

