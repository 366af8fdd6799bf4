-- Creates a visitor's conversation unless an open one exists, or one with its id, in one step, so two tabs or two
-- processes opening at once end up in the same conversation. A visitor's first line in a drafted conversation
-- (shared H3) is stored in the same step, with the greeting they saw and the bot's answer, after counting the
-- line under their rate limits: their whole first turn is one round trip.
-- Input:
--   KEYS[1] the visitor's index (site + visitor -> conversation id)
--   KEYS[2] the new conversation's hash
--   KEYS[3] the site's conversations (sorted set by creation time: the leads list and exports)
--   KEYS[4] every conversation of the visitor on the site (set), so erasing the visitor finds them all; it lives
--           as long as the newest of them was created for, and older ones are closed, so it outlives them
--   KEYS[5] every email index the conversation was ever added to (set of those keys), so erasing it takes it
--           off an email it no longer has too; it expires with the conversation
--   KEYS[6] messages, KEYS[7] clientId -> seq, KEYS[8] seq counter (as write-conversation-11.lua's 9 to 11)
--   KEYS[9..] the email indexes of the emails the new conversation already knows (identify), if any: each a set
--           of conversation ids that lives as long as the newest of them (the name's 8 counts the fixed keys);
--           none on Redis Cluster, where they are in other slots and the store adds them right after
--   then ARGV[7] rate-limit counters (a visitor's first line: lib-lines.lua lines.limit), none on Redis Cluster,
--           where the store counts them apart first
--   KEYS[#KEYS-n+1..#KEYS] the funnel counters (as write-conversation-11.lua's: n as many as the funnel payload's
--           entries), always last
--   ARGV[1] new id, ARGV[2] doc JSON, ARGV[3] status, ARGV[4] ttl seconds,
--   ARGV[5] the conversation key prefix, to look at the conversation the index names (single Redis or a
--           hash-tagged cluster slot only: that key cannot be declared in KEYS before it is read),
--   ARGV[6] createdAt, ARGV[7] how many rate-limit counters come before the funnel's keys ("0" for none), then per
--   counter its limit and its window in ms, then per message to store with it (none for a conversation alone):
--   clientId, message JSON without seq, then
--   ARGV[#ARGV - 2] the site's leads index (lib-lead-index.lua leadIndex.put): JSON { P = key prefix, e = the
--           entry }; its keys are the site's, named from P (listed in lib-lead-index.lua)
--   ARGV[#ARGV - 1] the site's activity index (lib-activity-index.lua): JSON { A = key prefix, t = term
--           suffixes, at = updatedAt }; its keys are the site's, named from A
--   ARGV[#ARGV] the funnel payload (as write-conversation-11.lua's)
-- Output: { -3, ms until the refusing counter's window ends } when a rate limit refuses the line: nothing else is
-- written. Otherwise the id of the visitor's open conversation, 1 if this call created it else 0, then per message
-- stored with it its seq, "" and 0 (as lines.append answers: it is the first, so none is a duplicate). The id is
-- the existing one, or ARGV[1] when it was created, or when a conversation with that id is stored already (a
-- draft another tab stored first, or one closed since): it is never written over, and no message is stored.
local limits = tonumber(ARGV[7])
local funnel = cjson.decode(ARGV[#ARGV])
local lastEmail = #KEYS - #funnel.at - limits -- then the rate counters and the funnel's keys
do
  local wait = lines.limit(lastEmail, limits, 7)
  if wait then
    return { -3, wait }
  end
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return { ARGV[1], 0 }
end
local existing = redis.call('GET', KEYS[1])
if existing then
  local status = redis.call('HGET', ARGV[5] .. existing, 'status')
  if status and status ~= 'closed' then
    return { existing, 0 }
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
redis.call('HSET', KEYS[2], 'doc', ARGV[2], 'rev', 1, 'status', ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('EXPIRE', KEYS[4], ARGV[4])
for i = 9, lastEmail do
  redis.call('SADD', KEYS[i], ARGV[1])
  redis.call('SADD', KEYS[5], KEYS[i])
  if redis.call('TTL', KEYS[i]) < tonumber(ARGV[4]) then
    redis.call('EXPIRE', KEYS[i], ARGV[4])
  end
end
redis.call('EXPIRE', KEYS[5], ARGV[4])
-- The leads index (the new conversation's row) and the inbox's activity index (issue 20), in this same step.
indexes.write(ARGV[1])
-- Funnel counters (shared/funnel/SPEC.md F26-F31, F34): a new conversation adds its whole contributions to each
-- counter hash (the last #at KEYS, counterHashes' order), and the list is kept as what it added.
do
  funnelCounters.write(KEYS[2], #KEYS - #funnel.at + 1, funnel)
  funnelCounters.questions(KEYS[2], funnel.q)
end
-- The lines said in it: its first, so each gets the next seq from 1.
local out = { ARGV[1], 1 }
if lines.append(KEYS[6], KEYS[7], KEYS[8], 8 + 2 * limits, #ARGV - 3, out) then
  for i = 6, 8 do
    redis.call('EXPIRE', KEYS[i], ARGV[4])
  end
end
return out
