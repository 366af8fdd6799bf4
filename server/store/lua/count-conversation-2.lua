-- Counts a conversation stored before the funnel counters existed (the backfill, shared/funnel/SPEC.md F32): adds
-- its contributions to its day, only if no write counted it meanwhile and it was not changed since it was read (a
-- write since then counted it whole, as write-conversation-11.lua does for a conversation without a `funnel` field).
-- Input:
--   KEYS[1] conversation hash (fields: doc, rev, funnel), KEYS[2] the funnel counters of its creation day
--   ARGV[1] the rev it was read at, ARGV[2] the funnel payload ({"at": day's expiry, "c": field -> n})
-- Output: 1 when it counted the conversation, else 0.
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] or redis.call('HEXISTS', KEYS[1], 'funnel') == 1 then
  return 0
end
local p = cjson.decode(ARGV[2])
for f, n in pairs(p.c) do
  if redis.call('HINCRBY', KEYS[2], f, n) == 0 then
    redis.call('HDEL', KEYS[2], f)
  end
end
redis.call('HSET', KEYS[1], 'funnel', cjson.encode(p.c))
redis.call('EXPIREAT', KEYS[2], p.at)
return 1
