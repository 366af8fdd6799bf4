-- Records when an API key was last used, only while the key exists: a use racing a revoke leaves nothing behind.
-- Input: KEYS[1] every key's id -> hash (hash), KEYS[2] id -> last used (hash); ARGV[1] key id, ARGV[2] ms
-- Output: 1 when recorded, 0 when the key is gone.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
