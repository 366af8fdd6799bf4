-- Counts a conversation that no write has counted in full (the backfill, shared/funnel/SPEC.md F32, F34): adds its
-- contributions to its funnel counters, only if it was not changed since it was read (a write since then counted it
-- whole, as write-conversation-11.lua does) and its record is still the one the backfill read: none (stored before
-- counters existed: every hash gets it) or one object (counted on its day before rollups: the rollups get it).
-- Input:
--   KEYS[1] conversation hash (fields: doc, rev, funnel), KEYS[2..4] the funnel counters of its creation day, its
--   month's rollup and its month's chart; on Redis Cluster all in the site's slot (the conversation key is the
--   site-tagged conv:{SITE}:ID, server/store/keys.ts)
--   ARGV[1] the rev it was read at, ARGV[2] the funnel payload ({"at": [expiry per hash], "c": [field -> n per hash]}),
--   ARGV[3] "1" to count it in every hash (it has no record), "2" in the rollups only (its record is one object)
-- Output: 1 when it counted the conversation, else 0.
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then
  return 0
end
local record = redis.call('HGET', KEYS[1], 'funnel')
local first = tonumber(ARGV[3])
if (first == 1 and record) or (first == 2 and (not record or string.sub(record, 1, 1) ~= '{')) then
  return 0
end
local p = cjson.decode(ARGV[2])
for j = first, #p.c do
  for f, n in pairs(p.c[j]) do
    if redis.call('HINCRBY', KEYS[j + 1], f, n) == 0 then
      redis.call('HDEL', KEYS[j + 1], f)
    end
  end
  redis.call('EXPIREAT', KEYS[j + 1], p.at[j])
end
redis.call('HSET', KEYS[1], 'funnel', cjson.encode(p.c))
return 1
