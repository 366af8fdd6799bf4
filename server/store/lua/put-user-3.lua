-- Stores a user unless their email belongs to another user: two invites accepted at once for one email make one
-- account, never two with one losing the email index.
-- Input:
--   KEYS[1] the user (JSON), KEYS[2] the email's user id, KEYS[3] the set of user ids
--   ARGV[1] the user's id, ARGV[2] the user JSON
-- Output: 1 when stored, 0 when the email is another user's.
local owner = redis.call('GET', KEYS[2])
if owner and owner ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
