-- KEYS, ARGV[1..5]: the circuit, with half-open (see circuit() in the prelude). ARGV[6]: probe token, ARGV[7]:
-- SUCCEEDED, FAILED or ABANDONED, ARGV[8]: successes to close, ARGV[9]: marker TTL after a probe ms.
-- Answers {result}: 0 lease lost, 1 success counted, 2 closed, 3 reopened, 4 lease released.
local c = circuit()
local lease
for i = c.first_probe_key + 1, #KEYS do
  -- Tokens are compared as text: as Lua numbers, two 64-bit tokens can look equal.
  if read_text_or_repair(KEYS[i]) == ARGV[6] then
    lease = KEYS[i]
    break
  end
end
-- Only the holder of a live lease speaks for the current round; a late report from an expired probe changes nothing.
if not lease then
  return reply({0})
end
if ARGV[7] == 'ABANDONED' then
  redis.call('DEL', lease)
  return reply({4})
end
if ARGV[7] == 'FAILED' then
  open_circuit(c)
  return reply({3})
end
-- The lease stays until it expires, so no further probe is admitted while this success is being counted.
if count(KEYS[c.first_probe_key], ARGV[9], true) >= tonumber(ARGV[8]) then
  close_circuit(c)
  return reply({2})
end
return reply({1})
