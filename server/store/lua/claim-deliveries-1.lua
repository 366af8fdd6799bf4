-- Claims the due entries of a queue (webhook deliveries, emails) in one step, so each attempt is made by one
-- process: a claimed entry stays in the set, due again when the lease ends, so a claim that dies with its process is retried.
-- Input: KEYS[1] due deliveries (sorted set by due time); ARGV[1] now, ARGV[2] lease end (the claim), ARGV[3] limit
-- Output: the ids claimed
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
end
return ids
