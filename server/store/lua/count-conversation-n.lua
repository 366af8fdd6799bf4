-- Counts a conversation in its funnel counters as they are kept now (the backfill, shared/funnel/SPEC.md F32, F34,
-- F35): moves each hash from what the conversation's record says it added to what it adds now, exactly as
-- write-conversation-11.lua's funnel block does, only if the conversation was not changed since it was read (a
-- write since then counted it as it is). A conversation counted already as it is now moves nothing, so the pass can
-- run again.
-- Input:
--   KEYS[1] conversation hash (fields: doc, rev, funnel), KEYS[2..] its funnel counters (shared/funnel/contributions.ts
--   counterHashes, in that order); on Redis Cluster all in the site's slot (the conversation key is the site-tagged
--   conv:{SITE}:ID, server/store/keys.ts)
--   ARGV[1] the rev it was read at, ARGV[2] the funnel payload ({"at": [expiry per hash], "c": [field -> n per hash]})
-- Output: 1 when it moved a counter, else 0.
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then
  return 0
end
local p = cjson.decode(ARGV[2])
-- Absent: nothing counted yet. One object: a record from before rollups, its day's counts only.
local stored = cjson.decode(redis.call('HGET', KEYS[1], 'funnel') or '[]')
if stored[1] == nil and next(stored) ~= nil then
  stored = { stored }
end
local moved = 0
for j = 1, #p.c do
  local key, now, old = KEYS[j + 1], p.c[j], stored[j] or {}
  for f, v in pairs(now) do
    local d = v - (old[f] or 0)
    if d ~= 0 then
      moved = 1
      if redis.call('HINCRBY', key, f, d) == 0 then
        redis.call('HDEL', key, f)
      end
    end
  end
  for f, v in pairs(old) do
    if now[f] == nil then
      moved = 1
      if redis.call('HINCRBY', key, f, -v) == 0 then
        redis.call('HDEL', key, f)
      end
    end
  end
  redis.call('EXPIREAT', key, p.at[j])
end
redis.call('HSET', KEYS[1], 'funnel', cjson.encode(p.c))
return moved
