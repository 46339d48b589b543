-- KEYS: open flag, failure counter, [request counter]. ARGV: failure timeout in ms.
-- Lasier's failure path: unless open, count the request (when counted) and the failure, each created with the
-- failure timeout. Answers {failures, requests} after that; when open, the current values (0 when absent).
local state, problem = open_state(KEYS[1])
if problem then
  return problem
end
local failures, bad = read(KEYS[2])
if bad then
  return bad
end
local requests = 0
if KEYS[3] then
  requests, bad = read(KEYS[3])
  if bad then
    return bad
  end
end
if state ~= -1 then
  return {failures or 0, requests or 0}
end
if KEYS[3] then
  requests, bad = count(KEYS[3], ARGV[1])
  if bad then
    return bad
  end
end
failures, bad = count(KEYS[2], ARGV[1])
if bad then
  return bad
end
return {failures, requests or 0}
