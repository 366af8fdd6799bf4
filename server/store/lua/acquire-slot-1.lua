-- Takes one of a limited number of slots (open connections per IP) for a holder. Holders expire by their own
-- time, so a slot a crashed process never gave back frees itself; a refusal changes nothing.
-- Input: KEYS[1] holders (sorted set: member = holder, score = expiresAt); ARGV[1] max, ARGV[2] holder,
--        ARGV[3] now, ARGV[4] expiresAt
-- Output: 1 when taken, 0 when all are in use.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
-- The key lives as long as its longest holder, counted on the caller's clock like the scores.
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - tonumber(ARGV[3])))
return 1
