-- The leads index of one site (issue 20), shared by the scripts that write or drop conversations: prepended to
-- create-conversation-5.lua, write-conversation-11.lua and unindex-leads-2.lua when they are loaded (lua() in
-- redis/context.ts), so each keeps the index in the same atomic step as its own write.
-- Every key below is the site's, named from one prefix P = "<prefix>site:<siteKey>:leads:" (keys.ts, leadIndex):
--   P.."reg"    hash: conversation id -> JSON { p = person suffix or "", t = term suffixes, at = createdAt }
--   P.."heads"  hash: person suffix -> the conversation that is that person's row (their newest)
--   P..p        sorted set per known person (p = "p:<hash of personKey>"): their conversation ids by createdAt
--   P..t        sorted set per term (t = "t:tier:hot", "t:all", "t:q:<hash>", ...): ids of the rows (person heads
--               only, so a row is one person, shared/leads/SPEC.md P5) by createdAt
-- These keys are not in the scripts' KEYS (their names depend on what is stored): they all share the site's prefix,
-- so on Redis Cluster a hash tag on the site puts them in one slot with the site's other keys.
local leadIndex = {}

local function termsOf(entry)
  return entry and entry.t or {}
end

function leadIndex.entry(P, id)
  local raw = redis.call('HGET', P .. 'reg', id)
  return raw and cjson.decode(raw) or nil
end

function leadIndex.add(P, id, at, terms)
  for _, t in ipairs(terms) do
    redis.call('ZADD', P .. t, at, id)
  end
end

function leadIndex.remove(P, id, terms)
  for _, t in ipairs(terms) do
    redis.call('ZREM', P .. t, id)
  end
end

-- Makes the newest conversation of person p its row: the previous row leaves every term set, the newest joins.
function leadIndex.reindex(P, p)
  local newest = redis.call('ZRANGE', P .. p, 0, 0, 'REV')[1]
  local current = redis.call('HGET', P .. 'heads', p)
  if current == newest then
    return
  end
  if current then
    leadIndex.remove(P, current, termsOf(leadIndex.entry(P, current)))
  end
  if newest then
    local e = leadIndex.entry(P, newest)
    if e then
      leadIndex.add(P, newest, e.at, e.t)
    end
    redis.call('HSET', P .. 'heads', p, newest)
  else
    redis.call('HDEL', P .. 'heads', p)
  end
end

-- Stores conversation `id`'s person and terms and keeps the rows in step. `p` "" for a conversation nobody is
-- known by (its own row, no person set).
function leadIndex.write(P, id, at, p, terms)
  local old = leadIndex.entry(P, id)
  local oldP = old and old.p or ''
  redis.call('HSET', P .. 'reg', id, cjson.encode({ p = p, t = terms, at = at }))
  -- The common write (a bot turn, a status change): the same person, and the row it was. Only the terms that
  -- changed move.
  if old and oldP == p and (p == '' or redis.call('HGET', P .. 'heads', p) == id) then
    local was, now = {}, {}
    for _, t in ipairs(old.t) do
      was[t] = true
    end
    for _, t in ipairs(terms) do
      now[t] = true
      if not was[t] then
        redis.call('ZADD', P .. t, at, id)
      end
    end
    for _, t in ipairs(old.t) do
      if not now[t] then
        redis.call('ZREM', P .. t, id)
      end
    end
    return
  end
  if oldP == '' and old then
    leadIndex.remove(P, id, old.t)
  end
  if oldP ~= '' then
    local head = redis.call('HGET', P .. 'heads', oldP) == id
    if head then
      leadIndex.remove(P, id, old.t)
      redis.call('HDEL', P .. 'heads', oldP)
    end
    if oldP ~= p then
      redis.call('ZREM', P .. oldP, id)
    end
    leadIndex.reindex(P, oldP)
  end
  if p == '' then
    leadIndex.add(P, id, at, terms)
  else
    redis.call('ZADD', P .. p, at, id)
    leadIndex.reindex(P, p)
  end
end

-- Drops conversation `id` from the index (erased or expired): its row goes, and its person's next newest, if any,
-- becomes the row.
function leadIndex.drop(P, id)
  local old = leadIndex.entry(P, id)
  if not old then
    return
  end
  redis.call('HDEL', P .. 'reg', id)
  leadIndex.remove(P, id, old.t)
  if old.p ~= '' then
    redis.call('ZREM', P .. old.p, id)
    if redis.call('HGET', P .. 'heads', old.p) == id then
      redis.call('HDEL', P .. 'heads', old.p)
    end
    leadIndex.reindex(P, old.p)
  end
end
