-- The leads index of one site (issue 20), shared by the scripts that write or drop conversations (after
-- lib-lead-pairs.lua): prepended to
-- create-conversation-8.lua, write-conversation-11.lua and unindex-leads-2.lua when they are loaded (lua() in
-- redis/context.ts), so each keeps the index in the same atomic step as its own write.
-- Every key below is the site's, named from one prefix P = "<prefix>site:<siteKey>:leads:" (keys.ts, leadIndex):
--   P.."reg"    hash: conversation id -> JSON { p = person suffix or "", t = term suffixes, at = createdAt,
--               s = { sort suffix = member } } (an entry without s was written before the sorts: see upgrade)
--   P.."heads"  hash: person suffix -> the conversation that is that person's row (their newest)
--   P..p        sorted set per known person (p = "p:<hash of personKey>"): their conversation ids by createdAt
--   P..t        sorted set per term (t = "t:tier:hot", "t:all", "t:q:<hash>", ...): ids of the rows (person heads
--               only, so a row is one person, shared/leads/SPEC.md P5) by createdAt
--   P..s        sorted set per sort (s = "s:score", "s:name", ...): the rows' members (shared/leads/order.ts: the
--               sort's key, createdAt, id), all scored 0, so the set is in the members' byte order
--   P.."n"      hash: "<term>|<term>" -> how many rows are filed under both, for every pair of the rows' facet terms
--               (tier, stage, status, owner, source, outcome, missed: not all, decays or search), so a total of
--               two filters is one read (count-leads-0.lua)
--   P.."counted" present when every row of the site is in the sort sets and the pair counts (a site indexed since,
--               or one whose backfill has upgraded every entry written before: index-lead-1.lua)
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

-- The pairs of a row's facet terms, as the fields of P.."n" name them (lib-lead-pairs.lua).
local function pairsOf(terms)
  local f, out = {}, {}
  for _, t in ipairs(terms) do
    if leadPairs.facet(t) then
      table.insert(f, t)
    end
  end
  for i = 1, #f do
    for j = i + 1, #f do
      out[leadPairs.field(f[i], f[j])] = true
    end
  end
  return out
end

-- Moves the pair counts by `delta` for each of `fields`; a count that reaches 0 goes.
local function count(P, fields, delta)
  for field in pairs(fields) do
    if redis.call('HINCRBY', P .. 'n', field, delta) <= 0 then
      redis.call('HDEL', P .. 'n', field)
    end
  end
end

-- Files a row: its terms, and when its entry is of this version (`sorts` given), its sort members and pairs.
function leadIndex.add(P, id, at, terms, sorts)
  for _, t in ipairs(terms) do
    redis.call('ZADD', P .. t, at, id)
  end
  if sorts then
    for set, member in pairs(sorts) do
      redis.call('ZADD', P .. set, 0, member)
    end
    count(P, pairsOf(terms), 1)
  end
end

function leadIndex.remove(P, id, terms, sorts)
  for _, t in ipairs(terms) do
    redis.call('ZREM', P .. t, id)
  end
  if sorts then
    for set, member in pairs(sorts) do
      redis.call('ZREM', P .. set, member)
    end
    count(P, pairsOf(terms), -1)
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
    local e = leadIndex.entry(P, current)
    leadIndex.remove(P, current, termsOf(e), e and e.s)
  end
  if newest then
    local e = leadIndex.entry(P, newest)
    if e then
      leadIndex.add(P, newest, e.at, e.t, e.s)
    end
    redis.call('HSET', P .. 'heads', p, newest)
  else
    redis.call('HDEL', P .. 'heads', p)
  end
end

-- True when conversation `id` is a row (its person's head, or nobody's: its own row).
local function isRow(P, id, entry)
  return entry.p == '' or redis.call('HGET', P .. 'heads', entry.p) == id
end

-- An entry written before the sorts (no s) is filed under its terms only: given its sort members, it is filed
-- under them too (and its pairs counted) when it is a row. Returns the entry as now stored.
function leadIndex.upgrade(P, id, entry, sorts)
  if entry.s then
    return entry
  end
  entry.s = sorts
  redis.call('HSET', P .. 'reg', id, cjson.encode(entry))
  if isRow(P, id, entry) then
    leadIndex.add(P, id, entry.at, {}, sorts)
    count(P, pairsOf(entry.t), 1)
  end
  return entry
end

-- Stores conversation `id`'s person, terms and sort members (`sorts`: sort suffix -> member), and keeps the rows
-- in step. `p` "" for a conversation nobody is known by (its own row, no person set). `raw`: the entry's JSON text
-- to store, when the caller has it.
function leadIndex.write(P, id, at, p, terms, sorts, raw)
  local old = leadIndex.entry(P, id)
  if old then
    old = leadIndex.upgrade(P, id, old, sorts)
  elseif redis.call('HLEN', P .. 'reg') == 0 then
    -- The site's first row: its index is whole from the start.
    redis.call('SET', P .. 'counted', '1')
  end
  local oldP = old and old.p or ''
  redis.call('HSET', P .. 'reg', id, raw or cjson.encode({ p = p, t = terms, at = at, s = sorts }))
  -- The common write (a bot turn, a status change): the same person, and the row it was. Only the terms, sort
  -- members and pairs that changed move.
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
    for set, member in pairs(sorts) do
      if old.s[set] ~= member then
        if old.s[set] then
          redis.call('ZREM', P .. set, old.s[set])
        end
        redis.call('ZADD', P .. set, 0, member)
      end
    end
    local oldPairs, newPairs = pairsOf(old.t), pairsOf(terms)
    for field in pairs(oldPairs) do
      if newPairs[field] then
        oldPairs[field], newPairs[field] = nil, nil
      end
    end
    count(P, oldPairs, -1)
    count(P, newPairs, 1)
    return
  end
  if oldP == '' and old then
    leadIndex.remove(P, id, old.t, old.s)
  end
  if oldP ~= '' then
    local head = redis.call('HGET', P .. 'heads', oldP) == id
    if head then
      leadIndex.remove(P, id, old.t, old.s)
      redis.call('HDEL', P .. 'heads', oldP)
    end
    if oldP ~= p then
      redis.call('ZREM', P .. oldP, id)
    end
    leadIndex.reindex(P, oldP)
  end
  if p == '' then
    leadIndex.add(P, id, at, terms, sorts)
  else
    redis.call('ZADD', P .. p, at, id)
    leadIndex.reindex(P, p)
  end
end

-- Files conversation `id` as the write scripts are given it (server/store/redis/lead-index-arg.ts): `arg.e` its
-- entry as JSON text, and maybe `arg.o` and `arg.m`: when the stored entry is still the text `o` (the writing
-- process stored it last) and the conversation is its person's row, only what `m` names moves (m.a terms added,
-- m.r terms gone, m.s { sort suffix, old member or "", new member }, m.n { pair field, +1 or -1 }), as write's
-- common case would move it. Otherwise the entry is decoded and written as above.
function leadIndex.put(P, id, arg)
  if arg.o ~= nil then
    local raw = redis.call('HGET', P .. 'reg', id)
    local e = arg.m
    if raw == arg.o and (e.p == '' or redis.call('HGET', P .. 'heads', e.p) == id) then
      for _, t in ipairs(e.a) do
        redis.call('ZADD', P .. t, e.at, id)
      end
      for _, t in ipairs(e.r) do
        redis.call('ZREM', P .. t, id)
      end
      for _, s in ipairs(e.s) do
        if s[2] ~= '' then
          redis.call('ZREM', P .. s[1], s[2])
        end
        redis.call('ZADD', P .. s[1], 0, s[3])
      end
      for _, n in ipairs(e.n) do
        if redis.call('HINCRBY', P .. 'n', n[1], n[2]) <= 0 then
          redis.call('HDEL', P .. 'n', n[1])
        end
      end
      if arg.e ~= raw then
        redis.call('HSET', P .. 'reg', id, arg.e)
      end
      return
    end
  end
  local e = cjson.decode(arg.e)
  leadIndex.write(P, id, e.at, e.p, e.t, e.s, arg.e)
end

-- Drops conversation `id` from the index (erased or expired): its row goes, and its person's next newest, if any,
-- becomes the row.
function leadIndex.drop(P, id)
  local old = leadIndex.entry(P, id)
  if not old then
    return
  end
  redis.call('HDEL', P .. 'reg', id)
  if isRow(P, id, old) then
    leadIndex.remove(P, id, old.t, old.s)
  end
  if old.p ~= '' then
    redis.call('ZREM', P .. old.p, id)
    if redis.call('HGET', P .. 'heads', old.p) == id then
      redis.call('HDEL', P .. 'heads', old.p)
    end
    leadIndex.reindex(P, old.p)
  end
  if redis.call('EXISTS', P .. 'reg') == 0 then
    redis.call('DEL', P .. 'counted')
  end
end
