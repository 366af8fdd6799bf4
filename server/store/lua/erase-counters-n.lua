-- Erasing a conversation (server/store/redis/privacy.ts): takes what it added off its funnel counters and deletes
-- its hash, in one step, so no write can count it again in between (a write to a deleted conversation loses its
-- compare-and-set). shared/funnel/SPEC.md F31, F34, F35.
-- Input:
--   KEYS[1] conversation hash (fields: doc, rev, funnel), KEYS[2..] its funnel counters (shared/funnel/contributions.ts
--   counterHashes, in that order); on Redis Cluster all in the site's slot (the conversation key is the site-tagged
--   conv:{SITE}:ID, server/store/keys.ts)
--   ARGV[1..#KEYS-1] when each of those expires (Unix s), ARGV[#KEYS] the questions' payload (below)
-- Output: 1 when it had counts to take off, else 0.
-- Its unanswered questions (shared/leads/SPEC.md Q1) come off the same way: ARGV[#KEYS] is the payload's "q" with
-- nothing added.
funnelCounters.questions(KEYS[1], cjson.decode(ARGV[#KEYS]))
local counted = redis.call('HGET', KEYS[1], 'funnel')
redis.call('DEL', KEYS[1])
if not counted then
  return 0
end
local stored = cjson.decode(counted)
-- A record from before rollups (one object): its day's counts only, which the rollups never got.
if stored[1] == nil and next(stored) ~= nil then
  stored = { stored }
end
for j = 1, #KEYS - 1 do
  funnelCounters.move(KEYS[j + 1], {}, stored[j] or {}, ARGV[j])
end
return 1
