-- One page of a site's lead rows filed under every given term, in a sort's order (shared/leads/order.ts, SPEC O1-O4),
-- from the sort's set of members (lib-lead-index.lua). Read only.
-- Input (no KEYS: every key is the site's leads index, named from ARGV[1], as lib-lead-index.lua lists; the store
-- passes one of them as KEYS[1], not read, only to route the call to the site's slot on Redis Cluster):
--   ARGV[1] the index's key prefix P, ARGV[2] JSON list of term suffixes (at least one), ARGV[3] from (createdAt,
--   inclusive) or "", ARGV[4] to (exclusive) or "", ARGV[5] the sort's set suffix, ARGV[6] "asc" or "desc",
--   ARGV[7] after: the previous page's last member, or "" for the first page, ARGV[8] how many rows, ARGV[9] at
--   most how many members to look at in this call, ARGV[10] "few": the filter's smallest set holding at most this
--   many rows, they are all returned unordered, for the caller to order (order.ts compareMembers), ARGV[11] at most
--   how many rows of the smallest set are read to do the same when the walk would look at more members
-- Output: { 2, "", then every member of the few }, or { done (1 when the set was walked to its end), the last
--   looked-at member, then the page's members }. Not done: call again after the last looked-at member.
local P = ARGV[1]
local from, to = tonumber(ARGV[3]), tonumber(ARGV[4])
local S, dir, after = P .. ARGV[5], ARGV[6], ARGV[7]
local limit, maxScan, few, most = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11])
local min = ARGV[3] ~= '' and ARGV[3] or '-inf'
local max = ARGV[4] ~= '' and ('(' .. ARGV[4]) or '+inf'

-- The filter's sets, smallest first, each with its rows in the date range. `t:all` (every row) is checked by no
-- one: it is left out unless it is the whole filter.
local sets = {}
for _, t in ipairs(cjson.decode(ARGV[2])) do
  if t ~= 't:all' then
    table.insert(sets, { key = P .. t, term = t, n = redis.call('ZCOUNT', P .. t, min, max) })
  end
end
if #sets == 0 then
  sets[1] = { key = P .. 't:all', n = redis.call('ZCOUNT', P .. 't:all', min, max) }
end
table.sort(sets, function(a, b)
  return a.n < b.n
end)
local least = sets[1].n

-- The ids among `ids` filed under every set from the `first` on (ZMSCORE: one call per set for the lot), most
-- selective first; true at the index of each one kept.
local function kept(ids, first)
  local left = {}
  for i = 1, #ids do
    left[i] = i
  end
  for s = first, #sets do
    if #left == 0 or sets[s].key == P .. 't:all' then
      break
    end
    local ask = {}
    for j, i in ipairs(left) do
      ask[j] = ids[i]
    end
    local scores = redis.call('ZMSCORE', sets[s].key, unpack(ask))
    local still = {}
    for j, i in ipairs(left) do
      if scores[j] then
        table.insert(still, i)
      end
    end
    left = still
  end
  local out = {}
  for _, i in ipairs(left) do
    out[i] = true
  end
  return out
end

-- How many rows the filter selects, when one read tells: a single set's count, or two facets' pair count (no
-- dates; P.."n", kept once the site's index is whole, as count-leads-0.lua reads it). Else nil.
local function rowsOf()
  if #sets == 1 then
    return least
  end
  local a, b = sets[1].term, sets[2].term
  if #sets > 2 or ARGV[3] ~= '' or ARGV[4] ~= '' or not leadPairs.facet(a) or not leadPairs.facet(b) then
    return nil
  end
  return leadPairs.count(P, a, b)
end

local rows = rowsOf()
if rows == 0 then
  return { 2, '' }
end
-- Ordering the filter's rows reads the smallest set and each row's entry (`reg`, a few times a walked member's
-- cost); the walk looks at about limit / (the rows' share of the sort's set) members. The rows' count unknown,
-- the smallest set's is its most, so the walk's least.
local function ordered()
  if least <= few then
    return true
  end
  if least > most then
    return false
  end
  local n = rows or least
  return limit * redis.call('ZCARD', S) / n > least + 4 * n
end

if ordered() then
  local out = { 2, '' }
  local field = '"' .. ARGV[5] .. '":"'
  local ids = redis.call('ZRANGE', sets[1].key, min, max, 'BYSCORE')
  local chunk = 1000
  for c = 1, #ids, chunk do
    local part = { unpack(ids, c, math.min(c + chunk - 1, #ids)) }
    local keep = kept(part, 2)
    local found = {}
    for i, id in ipairs(part) do
      if keep[i] then
        table.insert(found, id)
      end
    end
    if #found > 0 then
      -- The member as the entry's JSON holds it (no '"' in a member; cjson escapes "/" and "\\", a flipped "x"
      -- and "K" of an id), found rather than the entry decoded: most of its length is the other sorts' members.
      for _, raw in ipairs(redis.call('HMGET', P .. 'reg', unpack(found))) do
        local _, open = string.find(raw or '', field, 1, true)
        if open then
          local close = string.find(raw, '"', open + 1, true)
          table.insert(out, (string.gsub(string.sub(raw, open + 1, close - 1), '\\(.)', '%1')))
        end
      end
    end
  end
  return out
end

-- Members are "<a key | b> <13 digits: the creation time counted down><the id flipped>~" (order.ts); an id's
-- characters ("-" to "z") flip onto the same range.
local flip = {}
for c = 45, 122 do
  flip[string.char(c)] = string.char(167 - c)
end
local out, found, scanned, last = {}, 0, 0, after
-- Looks at `members` in order, keeping those in the date range and filed under every term, until the page is full
-- (false then).
local function consider(members)
  local ids, at = {}, {}
  for i, m in ipairs(members) do
    local space = string.find(m, ' ', 1, true)
    if from or to then
      local t = 9999999999999 - tonumber(string.sub(m, space + 1, space + 13))
      if (from and t < from) or (to and t >= to) then
        space = nil
      end
    end
    if space then
      table.insert(ids, (string.gsub(string.sub(m, space + 14, -2), '.', flip)))
      at[#ids] = i
    end
  end
  local keep = kept(ids, 1)
  local take = {}
  for j = 1, #ids do
    if keep[j] then
      take[at[j]] = true
    end
  end
  for i, m in ipairs(members) do
    scanned = scanned + 1
    last = m
    if take[i] then
      table.insert(out, m)
      found = found + 1
      if found >= limit then
        return false
      end
    end
  end
  return true
end
-- Chunks grow as the filter's rows prove sparse.
local chunk = math.max(limit, 16)
local function grow()
  chunk = math.min(chunk * 2, 1000)
end
-- Reads members from `lo` up to `hi` in ascending order; true when they ran out.
local function walk(lo, hi)
  while found < limit and scanned < maxScan do
    local want = math.min(chunk, maxScan - scanned)
    local members = redis.call('ZRANGE', S, lo, hi, 'BYLEX', 'LIMIT', 0, want)
    if not consider(members) then
      return false
    end
    if #members < want then
      return true
    end
    lo = '(' .. members[#members]
    grow()
  end
  return false
end

local function groupOf(m)
  return string.sub(m, 1, string.find(m, ' ', 1, true))
end
-- Descending: the keys' groups ("a<key> ") from the greatest down, each group in its own (ascending) order so that
-- ties stay newest first. Read backwards a chunk at a time from below `top`, each whole group turned round; the
-- group a full chunk may have cut is read again with the next one, and a group larger than a chunk is walked on its
-- own. True when the keys ran out.
local function walkDown(top)
  while found < limit and scanned < maxScan do
    local want = math.min(chunk, maxScan - scanned)
    local members = redis.call('ZRANGE', S, top, '-', 'BYLEX', 'REV', 'LIMIT', 0, want)
    local whole = #members
    if whole == want then
      local cut = groupOf(members[whole])
      while whole > 0 and groupOf(members[whole]) == cut do
        whole = whole - 1
      end
      if whole == 0 then
        if not walk('[' .. cut, '[' .. cut .. string.char(255)) then
          return false
        end
        top = '(' .. cut
      end
    end
    if whole > 0 then
      local list, i = {}, 1
      while i <= whole do
        local g, j = groupOf(members[i]), i
        while j < whole and groupOf(members[j + 1]) == g do
          j = j + 1
        end
        for k = j, i, -1 do
          table.insert(list, members[k])
        end
        i = j + 1
      end
      if not consider(list) then
        return false
      end
      top = '(' .. groupOf(members[whole])
    end
    if #members < want then
      return true
    end
    grow()
  end
  return false
end

local done = 0
if dir == 'asc' then
  -- Ascending is the set's own order: keys, then empty cells ("b"), ties newest first.
  if walk(after ~= '' and '(' .. after or '-', '+') then
    done = 1
  end
else
  -- The keys' groups, from the cursor's on (the rest of its group first), then the empty cells' group ("b ") in its
  -- own order.
  local keys = true
  if after == '' then
    keys = walkDown('(b')
  elseif string.sub(after, 1, 1) == 'a' then
    local g = groupOf(after)
    keys = walk('(' .. after, '[' .. g .. string.char(255)) and walkDown('(' .. g)
  end
  if keys and walk(after ~= '' and string.sub(after, 1, 1) == 'b' and '(' .. after or '[b ', '+') then
    done = 1
  end
end
local reply = { done, last }
for _, m in ipairs(out) do
  table.insert(reply, m)
end
return reply
