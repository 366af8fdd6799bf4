-- Writes one conversation in one atomic step: a compare-and-set of its doc, keeping its indexes in step with its
-- status, then messages appended if that write won (none for a write of the conversation alone): a bot turn stores
-- its new state and its lines together, in one round trip. An accept or a transfer also takes a place among the
-- rep's live chats here, within their capacity. Appending alone is append-messages-5.lua's.
-- On Redis Cluster the rep's sets and the email indexes are in other slots: the store passes no rep (ARGV[6],
-- ARGV[8], ARGV[10] empty, KEYS[3] and KEYS[5] any key of this slot), no email index and no rate counter (ARGV[12]
-- "0"), and writes or counts those apart (server/store/redis/conversations.ts, take-rep-place-1.lua); the funnel
-- counters and the leads and activity indexes are the site's, in this slot.
-- Input:
--   KEYS[1] conversation hash (fields: doc = JSON, rev)
--   KEYS[2] the site's queue (sorted set of conversation ids by queuedAt)
--   KEYS[3] the rep's live conversations (set), or any unused key when there is no rep
--   KEYS[4] the visitor's index, whose TTL follows the conversation's
--   KEYS[5] the previous rep's live conversations (set), or any unused key when there was none
--   KEYS[6] every conversation the visitor has had (set, for erasure): never to expire before this conversation
--   KEYS[7] the conversation's notes (list), which expire with it
--   KEYS[8] every email index the conversation was ever added to (set of those keys), so erasing it takes it
--           off an email it no longer has (a replaced identify) too; it expires with the conversation
--   KEYS[9] messages (sorted set: member = message JSON without seq, score = seq), KEYS[10] clientId -> seq
--           (hash), KEYS[11] seq counter
--   KEYS[12..] the email indexes of every email the conversation knows (captured, identified): the
--           conversation joins each in this same step, and none expires before it (the name's 11 counts the fixed
--           keys)
--   then ARGV[12] rate-limit counters (a visitor's turn: see "Rate limits" below), none otherwise
--   KEYS[#KEYS-n+1..#KEYS] the funnel counters (shared/funnel/contributions.ts counterHashes: its creation day, its
--           month's rollup and chart, their cross hashes), n as many as the funnel payload's entries, always last
--   ARGV[1] expected rev ("0" to create), ARGV[2] doc JSON,
--   ARGV[3] status, ARGV[4] conversation id, ARGV[5] queuedAt (score), ARGV[6] repId ("" for none), ARGV[7] ttl
--   seconds, ARGV[8] previous repId ("" for none), ARGV[9] the seq the first message must get ("" for any: a
--   visitor's line whose bot turn was computed for that seq), ARGV[10] the rep's capacity ("" for none: see
--   below), ARGV[11] the conversation key prefix, to count the rep's live conversations that still exist (single
--   Redis or a hash-tagged cluster slot only, as in create-conversation-8.lua), ARGV[12] how many rate-limit
--   counters come before the funnel's keys ("0" for none), then per counter its limit and its window in
--   ms, then per message: clientId, message JSON without seq, then ARGV[#ARGV - 2] the site's leads index
--   (lib-lead-index.lua leadIndex.put): JSON { P = key prefix, e = the entry, o and m = what moved since },
--   its keys the site's, named from P (listed in lib-lead-index.lua), ARGV[#ARGV - 1] the site's
--   activity index (lib-activity-index.lua): JSON { A = key prefix, t = term suffixes, at = updatedAt }, and last
--   ARGV[#ARGV] the funnel payload (see the funnel block below)
-- Output: { -3, ms until the refusing counter's window ends } when a rate limit refuses the write: nothing else is
--   written; -1 when the stored rev differs (someone else wrote first) or the first message would not get ARGV[9]
--   (a resend, or another line came first): nothing is written; -2 when the write would make the conversation
--   live for a rep (ARGV[6]) who already has ARGV[10] other live conversations: nothing is written; otherwise the
--   new rev followed, per message, by its seq, its stored JSON if it was a duplicate (else "": the caller has it),
--   and 1 if it was a duplicate else 0
local ttl = ARGV[7]
local limits = tonumber(ARGV[12])
local funnel = cjson.decode(ARGV[#ARGV])
local lastEmail = #KEYS - #funnel.at - limits -- then the rate counters and the funnel's keys
local firstMessage = 13 + 2 * limits
local lastMessage = #ARGV - 3 -- then the leads and activity indexes and the funnel payload

-- Rate limits (a visitor's turn): the visitor's line is counted under each counter before anything else
-- (lib-lines.lua), so a turn waits for one round trip rather than two. Counted whatever follows: a turn refused
-- below (-1) then takes the long way without counting again.
do
  local wait = lines.limit(lastEmail, limits, 12)
  if wait then
    return { -3, wait }
  end
end

if ARGV[9] ~= '' then
  local next = tonumber(redis.call('GET', KEYS[11]) or '0') + 1
  local first = ARGV[firstMessage]
  if lastMessage <= firstMessage or redis.call('HEXISTS', KEYS[10], first) == 1 or next ~= tonumber(ARGV[9]) then
    return -1
  end
end
local storedRev = redis.call('HGET', KEYS[1], 'rev') or '0'
if storedRev ~= ARGV[1] then
  return -1
end
-- A rep's capacity is taken here, in the write that makes the chat theirs, so two accepts at once cannot both
-- take their last place. Conversations that expired do not count, as listRepConversations does not list them.
if ARGV[10] ~= '' and ARGV[3] == 'live' and ARGV[6] ~= '' and redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 0 then
  local live = 0
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    live = live + redis.call('EXISTS', ARGV[11] .. id)
  end
  if live >= tonumber(ARGV[10]) then
    return -2
  end
end
local rev = tonumber(ARGV[1]) + 1
local out = { rev }
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'rev', rev, 'status', ARGV[3])
redis.call('EXPIRE', KEYS[4], ttl)
redis.call('EXPIRE', KEYS[6], ttl, 'GT')
redis.call('EXPIRE', KEYS[7], ttl)
for i = 12, lastEmail do
  redis.call('SADD', KEYS[i], ARGV[4])
  redis.call('SADD', KEYS[8], KEYS[i])
  if redis.call('TTL', KEYS[i]) < tonumber(ttl) then
    redis.call('EXPIRE', KEYS[i], ttl)
  end
end
if ARGV[3] == 'queued' then
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
else
  redis.call('ZREM', KEYS[2], ARGV[4])
end
if ARGV[6] ~= '' then
  if ARGV[3] == 'live' then
    redis.call('SADD', KEYS[3], ARGV[4])
  else
    redis.call('SREM', KEYS[3], ARGV[4])
  end
end
-- A transfer, or a rep who left: the chat is no longer the previous rep's.
if ARGV[8] ~= '' and (ARGV[8] ~= ARGV[6] or ARGV[3] ~= 'live') then
  redis.call('SREM', KEYS[5], ARGV[4])
end
-- The leads index (the conversation's row as now written) and the inbox's activity index (its view, search keys
-- and last activity: issue 20), in this same step.
indexes.write(ARGV[4])
-- Each message once per clientId (a resend gets its stored copy), each with the conversation's next seq.
local added = lines.append(KEYS[9], KEYS[10], KEYS[11], firstMessage, lastMessage, out)
-- Funnel counters (shared/funnel/SPEC.md F26-F31, F34), in this same step as the write they count: ARGV[#ARGV] is
-- the funnel payload (funnelCounters.write), one counter hash per entry of its `at`, the last KEYS in
-- counterHashes' order (its day, its month's rollup, ...). Each hash moves by the difference from what the
-- conversation added before.
do
  funnelCounters.write(KEYS[1], #KEYS - #funnel.at + 1, funnel)
  -- Its unanswered questions (shared/leads/SPEC.md Q1), the site's, named from funnel.q.P.
  funnelCounters.questions(KEYS[1], funnel.q)
end
-- A long live chat keeps its conversation (and what expires with it) as long as its messages.
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[8], ttl)
if added then
  for i = 9, 11 do
    redis.call('EXPIRE', KEYS[i], ttl)
  end
end
return out
