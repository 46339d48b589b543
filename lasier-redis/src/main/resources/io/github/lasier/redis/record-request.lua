-- KEYS: open flag, request counter, failure counter. ARGV: failure timeout in ms.
-- Lasier's request path: unless open, count the request and create the failure counter at 0, both with the
-- failure timeout, so both windows expire together. Answers {requests}, or {0} when open (nothing counted).
-- Garbage at any key is removed first and counts as absent.
local state = open_state(KEYS[1])
if state ~= -1 then
  return reply({0})
end
read_or_repair(KEYS[2])
read_or_repair(KEYS[3])
local requests = count(KEYS[2], ARGV[1], true)
if not redis.call('SET', KEYS[3], '0', 'PX', ARGV[1], 'NX') then
  ensure_ttl(KEYS[3], ARGV[1])
end
return reply({requests})
