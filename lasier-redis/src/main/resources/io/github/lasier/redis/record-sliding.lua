-- KEYS: open flag, failure counter, request counter (each its buckets' key prefix). ARGV: bucket ms, buckets,
-- bucket TTL ms, 1 for a failure or 0 for a request.
-- Unless open, counts the call in the current bucket by the server's clock: a request in the request counter, a
-- failure in both. A bucket is created with a TTL one bucket longer than the window, so it is gone soon after it
-- leaves the window. A failure answers the window's totals {failures, requests} (counted or not); a request {0}.
local state = open_state(KEYS[1])
local n = current_bucket(tonumber(ARGV[1]))
local failure = ARGV[4] == '1'
if state == -1 then
  count(bucket_key(KEYS[3], n), ARGV[3], true)
  if failure then
    count(bucket_key(KEYS[2], n), ARGV[3], true)
  end
end
if not failure then
  return reply({0})
end
local buckets = tonumber(ARGV[2])
return reply({window_total(KEYS[2], n, buckets), window_total(KEYS[3], n, buckets)})
