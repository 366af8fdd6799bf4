-- Takes a place among a rep's live conversations, within their capacity, in one step: of two accepts racing for
-- the last place exactly one wins. Redis Cluster only, where the rep's set is in another slot than the
-- conversation (on a single Redis, write-conversation-11.lua checks it in the conversation's own write). The
-- caller drops the entries of expired conversations first, and gives the place back if its write then loses.
-- Input: KEYS[1] the rep's live conversations (set); ARGV[1] the conversation id, ARGV[2] the rep's capacity
-- Output: 1 when taken, 2 when the conversation was the rep's already, 0 when the rep has no room.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return 2
end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
