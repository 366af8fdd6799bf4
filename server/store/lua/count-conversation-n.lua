-- Counts a conversation in its funnel counters as they are kept now (the backfill, shared/funnel/SPEC.md F32, F34,
-- F35): moves each hash from what the conversation's record says it added to what it adds now
-- (lib-funnel-counters.lua), as write-conversation-11.lua's funnel block does, only if the conversation was not changed since it was read (a
-- write since then counted it as it is). A conversation counted already as it is now moves nothing, so the pass can
-- run again.
-- Input:
--   KEYS[1] conversation hash (fields: doc, rev, funnel), KEYS[2..] its funnel counters (shared/funnel/contributions.ts
--   counterHashes, in that order); on Redis Cluster all in the site's slot (the conversation key is the site-tagged
--   conv:{SITE}:ID, server/store/keys.ts)
--   ARGV[1] the rev it was read at, ARGV[2] the funnel payload (as write-conversation-11.lua's)
-- Output: 1 when it moved a counter, else 0.
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then
  return 0
end
local p = cjson.decode(ARGV[2])
local moved = funnelCounters.write(KEYS[1], 2, p) and 1 or 0
-- Its unanswered questions too (shared/leads/SPEC.md Q1): counted by the same pass.
funnelCounters.questions(KEYS[1], p.q)
return moved
