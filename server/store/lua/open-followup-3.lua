-- Opens a follow-up unless one with its id exists (FU8), with its place in the site's open list and its
-- conversation's set, in one step: a retried or doubled write never opens it twice.
-- Input:
--   KEYS[1] the item (JSON string), KEYS[2] the site's open items (sorted set by due time),
--   KEYS[3] the conversation's items (set of ids)
--   ARGV[1] the JSON, ARGV[2] its due time (ms), ARGV[3] its id, ARGV[4] retention (seconds)
-- Output: 1 when opened, 0 when it existed.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[4]) then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[4])
return 1
