-- The follow-ups of a report's conversations (shared/funnel/SPEC.md F33): of the conversations' sets of follow-up
-- ids, only those that hold any, each with its items' records. A year's report looks at its newest 1,000
-- conversations, most of which have none: one call here, not one command per conversation.
-- Input: KEYS[1..n] the conversations' follow-up sets (server/store/keys.ts conversationFollowUps; in the install's
-- slot on a cluster, as the records are), ARGV[1] the key prefix of a follow-up's record (its id follows).
-- Output: per set that holds ids, { its index in KEYS (1-based), record, record... }, records as stored (a record
-- past its retention is left out).
local out = {}
for i = 1, #KEYS do
  local ids = redis.call('SMEMBERS', KEYS[i])
  if #ids > 0 then
    local one = { i }
    for _, id in ipairs(ids) do
      local record = redis.call('GET', ARGV[1] .. id)
      if record then
        one[#one + 1] = record
      end
    end
    out[#out + 1] = one
  end
end
return out
