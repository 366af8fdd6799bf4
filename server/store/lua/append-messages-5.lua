-- Appends messages to one conversation in one step, in order, each once per clientId, each with the
-- conversation's next seq (a bot turn's lines cost one round trip, not one each).
-- Input:
--   KEYS[1] messages (sorted set: member = message JSON without seq, score = seq)
--   KEYS[2] clientId -> seq (hash), KEYS[3] seq counter, KEYS[4] the conversation's hash: a long live chat
--   keeps its conversation as long as its messages, KEYS[5] the email indexes the conversation was added to
--   (set), which expires with it
--   ARGV[1] ttl seconds, then per message: ARGV[2i] clientId, ARGV[2i+1] message JSON without seq
-- Output: per message, in order: seq, stored JSON, 1 if it was a duplicate else 0 (a flat list)
local out = {}
local added = false
for i = 2, #ARGV, 2 do
  local clientId, json = ARGV[i], ARGV[i + 1]
  local seen = redis.call('HGET', KEYS[2], clientId)
  if seen then
    local stored = redis.call('ZRANGE', KEYS[1], seen, seen, 'BYSCORE')
    table.insert(out, tonumber(seen))
    table.insert(out, stored[1] or json)
    table.insert(out, 1)
  else
    local seq = redis.call('INCR', KEYS[3])
    redis.call('ZADD', KEYS[1], seq, json)
    redis.call('HSET', KEYS[2], clientId, seq)
    table.insert(out, seq)
    table.insert(out, json)
    table.insert(out, 0)
    added = true
  end
end
if added then
  for i = 1, 5 do
    redis.call('EXPIRE', KEYS[i], ARGV[1])
  end
end
return out
