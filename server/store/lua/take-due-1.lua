-- Takes the timers that are due, removing them in the same step, so each fires in exactly one process.
-- Input: KEYS[1] due (sorted set: member "kind|conversationId", score = when); ARGV[1] now, ARGV[2] limit
-- Output: the members taken
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then
  redis.call('ZREM', KEYS[1], unpack(due))
end
return due
