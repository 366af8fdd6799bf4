-- Compare-and-set write of a conversation, keeping its indexes in step with its status in the same atomic step.
-- Input:
--   KEYS[1] conversation hash (fields: doc = JSON, rev)
--   KEYS[2] the site's queue (sorted set of conversation ids by queuedAt)
--   KEYS[3] the rep's live conversations (set), or any unused key when there is no rep
--   KEYS[4] the visitor's index, whose TTL follows the conversation's
--   KEYS[5] the previous rep's live conversations (set), or any unused key when there was none
--   KEYS[6] every conversation the visitor has had (set, for erasure): never to expire before this conversation
--   KEYS[7] the conversation's notes (list), which expire with it
--   KEYS[8] every email index the conversation was ever added to (set of those keys), so erasing it takes it
--           off an email it no longer has (a replaced identify) too; it expires with the conversation
--   KEYS[9..] the email indexes of every email the conversation knows (captured, identified): the conversation
--           joins each in this same step, and none expires before it (the name's 8 counts the fixed keys)
--   ARGV[1] expected rev ("0" to create), ARGV[2] doc JSON, ARGV[3] status, ARGV[4] conversation id,
--   ARGV[5] queuedAt (score), ARGV[6] repId ("" for none), ARGV[7] ttl seconds, ARGV[8] previous repId ("" for none)
-- Output: the new rev, or -1 when the stored rev differs (someone else wrote first).
local stored = redis.call('HGET', KEYS[1], 'rev') or '0'
if stored ~= ARGV[1] then
  return -1
end
local rev = tonumber(ARGV[1]) + 1
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'rev', rev, 'status', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[7])
redis.call('EXPIRE', KEYS[4], ARGV[7])
redis.call('EXPIRE', KEYS[6], ARGV[7], 'GT')
redis.call('EXPIRE', KEYS[7], ARGV[7])
for i = 9, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[4])
  redis.call('SADD', KEYS[8], KEYS[i])
  if redis.call('TTL', KEYS[i]) < tonumber(ARGV[7]) then
    redis.call('EXPIRE', KEYS[i], ARGV[7])
  end
end
redis.call('EXPIRE', KEYS[8], ARGV[7])
if ARGV[3] == 'queued' then
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
else
  redis.call('ZREM', KEYS[2], ARGV[4])
end
if ARGV[6] ~= '' then
  if ARGV[3] == 'live' then
    redis.call('SADD', KEYS[3], ARGV[4])
  else
    redis.call('SREM', KEYS[3], ARGV[4])
  end
end
-- A transfer, or a rep who left: the chat is no longer the previous rep's.
if ARGV[8] ~= '' and (ARGV[8] ~= ARGV[6] or ARGV[3] ~= 'live') then
  redis.call('SREM', KEYS[5], ARGV[4])
end
return rev
