-- KEYS: open flag, failure counter, [request counter]. ARGV: circuit timeout in ms.
-- Lasier's open: the flag holds 1 for the circuit timeout and the counters are gone, in one step.
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
redis.call('DEL', unpack(KEYS, 2))
return {1}
