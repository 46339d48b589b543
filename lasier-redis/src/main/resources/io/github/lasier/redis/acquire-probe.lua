-- KEYS: open flag, half-open marker, lease 1..N. ARGV: probe token, probe timeout ms, marker TTL after a probe ms.
-- Answers {state, probe}: state as check answers it; probe 1 when a lease was taken for the token, 2 when every
-- lease is held, 0 when no probe was asked for (open, or not half-open).
local state = open_state(KEYS[1])
if state ~= -1 then
  return reply({state, 0})
end
-- The marker means half-open when it holds 1, as the flag means open.
if read_or_repair(KEYS[2]) ~= 1 then
  return reply({-1, 0})
end
for i = 3, #KEYS do
  if not read_text_or_repair(KEYS[i]) then
    redis.call('SET', KEYS[i], ARGV[1], 'NX', 'PX', ARGV[2])
    -- The round lives two probe timeouts past each probe: a probe that never reports loses its lease in time for
    -- another to be granted before the marker expires.
    redis.call('PEXPIRE', KEYS[2], ARGV[3])
    return reply({-1, 1})
  end
  -- A lease without expiry (set by hand) would hold its permit forever.
  ensure_ttl(KEYS[i], ARGV[2])
end
return reply({-1, 2})
