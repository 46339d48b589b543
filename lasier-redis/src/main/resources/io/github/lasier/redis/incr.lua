-- KEYS: counter. ARGV: ttl in ms. INCR whose created key gets its TTL in the same step. Answers {total}.
local _, bad = read(KEYS[1])
if bad then
  return bad
end
local total, failed = count(KEYS[1], ARGV[1])
if failed then
  return failed
end
return {total}
