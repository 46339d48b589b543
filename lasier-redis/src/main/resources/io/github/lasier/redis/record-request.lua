-- KEYS: open flag, request counter, failure counter. ARGV: failure timeout in ms.
-- Lasier's request path: unless open, count the request and create the failure counter at 0, both with the
-- failure timeout, so both windows expire together. Answers {requests}, or {0} when open (nothing counted).
local state, problem = open_state(KEYS[1])
if problem then
  return problem
end
if state ~= -1 then
  return {0}
end
local _, bad = read(KEYS[2])
if bad then
  return bad
end
local requests, failed = count(KEYS[2], ARGV[1])
if failed then
  return failed
end
if not redis.call('SET', KEYS[3], '0', 'PX', ARGV[1], 'NX') then
  ensure_ttl(KEYS[3], ARGV[1])
end
return {requests}
