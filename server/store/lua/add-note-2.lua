-- Adds an internal note to a conversation that still exists (one that expired meanwhile takes no notes).
-- Input:
--   KEYS[1] the conversation's notes (list of note JSON, oldest first)
--   KEYS[2] the conversation's hash: only checked, a note does not keep the conversation
--   ARGV[1] note JSON, ARGV[2] the most notes a conversation keeps
-- Notes expire with their conversation (its remaining time), so none outlives what it is about.
-- Output: 1 when added, 0 when the conversation is gone, -1 when it has its most notes already.
local ttl = redis.call('PTTL', KEYS[2])
if ttl == -2 then
  return 0
end
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then
  return -1
end
redis.call('RPUSH', KEYS[1], ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
