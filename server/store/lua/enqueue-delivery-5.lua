-- Enqueues one webhook delivery in one step: the record (unless this id exists: a duplicate enqueue is dropped),
-- its due time, its place in the endpoint's log, which keeps the newest ARGV[5] (older ones go with their records
-- and due entries), and, when it is about a conversation, its place in that conversation's deliveries (erasure).
-- Input:
--   KEYS[1] the delivery (JSON string), KEYS[2] due deliveries (sorted set by due time),
--   KEYS[3] the endpoint's log (sorted set by creation time), KEYS[4] the conversation's deliveries (set),
--   KEYS[5] the conversation (when the delivery is about one)
--   ARGV[1] delivery id, ARGV[2] JSON, ARGV[3] due at (ms), ARGV[4] created at (ms), ARGV[5] how many the log
--   keeps, ARGV[6] ttl seconds, ARGV[7] the delivery key prefix (records trimmed off the log are named by id;
--   single Redis or a hash-tagged cluster slot only), ARGV[8] "1" when the delivery is about a conversation, "2"
--   when it is about one the caller found stored (Redis Cluster: KEYS[5] is in another slot, so not checked here)
-- Output: 1 when enqueued, 0 for a duplicate or a conversation that is gone: an erasure that has deleted the
-- conversation can never be followed by a delivery carrying its lead card.
if ARGV[8] == '1' and redis.call('EXISTS', KEYS[5]) == 0 then
  return 0
end
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[6]) then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[6])
if ARGV[8] ~= '' then
  redis.call('SADD', KEYS[4], ARGV[1])
  redis.call('EXPIRE', KEYS[4], ARGV[6])
end
local old = redis.call('ZRANGE', KEYS[3], 0, -(tonumber(ARGV[5]) + 1))
for _, id in ipairs(old) do
  redis.call('DEL', ARGV[7] .. id)
  redis.call('ZREM', KEYS[2], id)
end
if #old > 0 then
  redis.call('ZREM', KEYS[3], unpack(old))
end
return 1
