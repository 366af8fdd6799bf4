-- Records an attempt (a webhook delivery, an email) while the claim is still held (its lease end is still the due time): after a lease
-- ran out and another process claimed the delivery, the late result is dropped.
-- Input: KEYS[1] the delivery (JSON string), KEYS[2] due deliveries (sorted set);
--        ARGV[1] delivery id, ARGV[2] the claim (lease end), ARGV[3] the new JSON, ARGV[4] next due time, or ""
--        when no attempt follows, ARGV[5] ttl seconds
-- Output: 1 when recorded, 0 when the claim was lost or the delivery is gone.
local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not score or tonumber(score) ~= tonumber(ARGV[2]) then
  return 0
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[5])
if ARGV[4] == '' then
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
end
return 1
