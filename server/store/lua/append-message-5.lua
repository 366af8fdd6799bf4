-- Appends a message once per clientId and gives it the conversation's next seq.
-- Input:
--   KEYS[1] messages (sorted set: member = message JSON without seq, score = seq)
--   KEYS[2] clientId -> seq (hash), KEYS[3] seq counter, KEYS[4] the conversation's hash: a long live chat
--   keeps its conversation as long as its messages, KEYS[5] the email indexes the conversation was added to
--   (set), which expires with it
--   ARGV[1] clientId, ARGV[2] message JSON without seq, ARGV[3] ttl seconds
-- Output: { seq, stored JSON, 1 if it was a duplicate else 0 }
local seen = redis.call('HGET', KEYS[2], ARGV[1])
if seen then
  local stored = redis.call('ZRANGE', KEYS[1], seen, seen, 'BYSCORE')
  return { tonumber(seen), stored[1] or ARGV[2], 1 }
end
local seq = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], seq, ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], seq)
for i = 1, 5 do
  redis.call('EXPIRE', KEYS[i], ARGV[3])
end
return { seq, ARGV[2], 0 }
