-- Appends messages to one conversation in one step, in order, each once per clientId (a resend gets its stored
-- copy), each with the conversation's next seq: a rep's line, a bot turn's lines alone. A turn that also writes the
-- conversation appends the same way in its own script (write-conversation-11.lua).
-- Input:
--   KEYS[1] conversation hash, KEYS[2] every email index the conversation was ever added to (set): only their
--           TTL is touched, so they expire no sooner than its messages
--   KEYS[3] messages (sorted set: member = message JSON without seq, score = seq), KEYS[4] clientId -> seq
--           (hash), KEYS[5] seq counter
--   ARGV[1] ttl seconds, then per message: clientId, message JSON without seq
-- Output: per message, its seq, its stored JSON if it was a duplicate (else "": the caller has it), and 1 if it
--   was a duplicate else 0
local ttl = ARGV[1]
local out = {}
-- A long live chat keeps its conversation (and what expires with it) as long as its messages.
if lines.append(KEYS[3], KEYS[4], KEYS[5], 2, #ARGV, out) then
  for i = 1, 5 do
    redis.call('EXPIRE', KEYS[i], ttl)
  end
end
return out
