-- Erasing a conversation (server/store/redis/privacy.ts): takes what it added off its day's funnel counters and
-- deletes its hash, in one step, so no write can count it again in between (a write to a deleted conversation
-- loses its compare-and-set). shared/funnel/SPEC.md F31.
-- Input:
--   KEYS[1] conversation hash (fields: doc, rev, funnel), KEYS[2] the funnel counters of its creation day
--   ARGV[1] when that day's counters expire (Unix s)
-- Output: 1 when it had counts to take off, else 0.
local counted = redis.call('HGET', KEYS[1], 'funnel')
redis.call('DEL', KEYS[1])
if not counted then
  return 0
end
for f, n in pairs(cjson.decode(counted)) do
  if redis.call('HINCRBY', KEYS[2], f, -n) == 0 then
    redis.call('HDEL', KEYS[2], f)
  end
end
redis.call('EXPIREAT', KEYS[2], ARGV[1])
return 1
