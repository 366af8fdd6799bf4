-- The activity index of one site (the inbox, issue 20), shared by the scripts that write or drop conversations:
-- prepended to create-conversation-8.lua, write-conversation-11.lua, index-activity-1.lua and unindex-activity-0.lua
-- when they are loaded (lua() in redis/context.ts), so each keeps the index in the same atomic step as its own write.
-- Every key below is the site's, named from one prefix A = "<prefix>site:<siteKey>:inbox:" (keys.ts, activityIndex):
--   A.."reg"  hash: conversation id -> JSON { t = term suffixes, at = updatedAt }
--   A..t      sorted set per term (t = "t:all", "t:view:live", "t:q:<hash>", ...): ids of every conversation of the
--             site filed under it (not only a person's newest, as the leads index files), by updatedAt
-- Not in the scripts' KEYS (their names depend on what is stored): they share the site's prefix, so on Redis Cluster
-- the hash tag on the site puts them in one slot with the site's other keys.
local activityIndex = {}

-- Files conversation `id` as written: its time moves on nearly every write, so every term is scored anew (only
-- the new ones when it did not), and the terms it no longer has are left.
function activityIndex.write(A, id, at, terms)
  local raw = redis.call('HGET', A .. 'reg', id)
  local old = raw and cjson.decode(raw) or { t = {} }
  redis.call('HSET', A .. 'reg', id, cjson.encode({ t = terms, at = at }))
  local was, now = {}, {}
  for _, t in ipairs(old.t) do
    was[t] = true
  end
  for _, t in ipairs(terms) do
    now[t] = true
    if old.at ~= at or not was[t] then
      redis.call('ZADD', A .. t, at, id)
    end
  end
  for _, t in ipairs(old.t) do
    if not now[t] then
      redis.call('ZREM', A .. t, id)
    end
  end
end

-- Drops conversation `id` from the index (erased or expired).
function activityIndex.drop(A, id)
  local raw = redis.call('HGET', A .. 'reg', id)
  if not raw then
    return
  end
  redis.call('HDEL', A .. 'reg', id)
  for _, t in ipairs(cjson.decode(raw).t) do
    redis.call('ZREM', A .. t, id)
  end
end
