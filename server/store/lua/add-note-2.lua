-- Adds an internal note to a conversation that still exists (one that expired meanwhile takes no notes).
-- Input:
--   KEYS[1] the conversation's notes (list of note JSON, oldest first)
--   KEYS[2] the conversation's hash: only checked, a note does not keep the conversation
--   ARGV[1] note JSON, ARGV[2] ttl seconds (the conversation's)
-- Output: 1 when added, 0 when the conversation is gone.
if redis.call('EXISTS', KEYS[2]) == 0 then
  return 0
end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
