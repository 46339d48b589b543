-- KEYS: open flag, failure counter, [request counter]. ARGV: failure timeout in ms.
-- Lasier's failure path: unless open, count the request (when counted) and the failure, each created with the
-- failure timeout. Answers {failures, requests} after that; when open, the current values (0 when absent).
-- Garbage at any key is removed first and counts as absent, so the event is recorded whole in a new window.
local state = open_state(KEYS[1])
local failures = read_or_repair(KEYS[2])
local requests = 0
if KEYS[3] then
  requests = read_or_repair(KEYS[3])
end
if state ~= -1 then
  return reply({failures or 0, requests or 0})
end
if KEYS[3] then
  requests = count(KEYS[3], ARGV[1], true)
end
failures = count(KEYS[2], ARGV[1], true)
return reply({failures, requests or 0})
