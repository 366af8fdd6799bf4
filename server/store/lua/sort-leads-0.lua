-- One page of a site's lead rows filed under every given term, in a sort's order (shared/leads/order.ts, SPEC O1-O4),
-- from the sort's set of members (lib-lead-index.lua). Read only.
-- Input (no KEYS: every key is the site's leads index, named from ARGV[1], as lib-lead-index.lua lists; the store
-- passes one of them as KEYS[1], not read, only to route the call to the site's slot on Redis Cluster):
--   ARGV[1] the index's key prefix P, ARGV[2] JSON list of term suffixes (at least one), ARGV[3] from (createdAt,
--   inclusive) or "", ARGV[4] to (exclusive) or "", ARGV[5] the sort's set suffix, ARGV[6] "asc" or "desc",
--   ARGV[7] after: the previous page's last member, or "" for the first page, ARGV[8] how many rows, ARGV[9] at
--   most how many members to look at in this call, ARGV[10] "few": at most this many rows in the filter's
--   smallest set, and they are all returned unordered, for the caller to order (order.ts compareMembers)
-- Output: { 2, "", then every member of the few }, or { done (1 when the set was walked to its end), the last
--   looked-at member, then the page's members }. Not done: call again after the last looked-at member.
local P = ARGV[1]
local terms = cjson.decode(ARGV[2])
local from, to = tonumber(ARGV[3]), tonumber(ARGV[4])
local S, dir, after = P .. ARGV[5], ARGV[6], ARGV[7]
local limit, maxScan, few = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local min = ARGV[3] ~= '' and ARGV[3] or '-inf'
local max = ARGV[4] ~= '' and ('(' .. ARGV[4]) or '+inf'

-- The filter's smallest set, in the date range. `t:all` (every row) is left to the walk.
local drive, least = nil, nil
for _, t in ipairs(terms) do
  local n = redis.call('ZCOUNT', P .. t, min, max)
  if least == nil or n < least then
    drive, least = t, n
  end
end
if least <= few then
  local out = { 2, '' }
  for _, id in ipairs(redis.call('ZRANGE', P .. drive, min, max, 'BYSCORE')) do
    local all = true
    for _, t in ipairs(terms) do
      if t ~= drive and not redis.call('ZSCORE', P .. t, id) then
        all = false
        break
      end
    end
    local raw = all and redis.call('HGET', P .. 'reg', id)
    local member = raw and cjson.decode(raw).s
    member = member and member[ARGV[5]]
    if member then
      table.insert(out, member)
    end
  end
  return out
end

-- Members are "<a key | b> <13 digits: the creation time counted down><the id flipped>~" (order.ts).
local function unflip(s)
  return (string.gsub(s, '.', function(c)
    return string.char(167 - string.byte(c))
  end))
end
local out, found, scanned, last = {}, 0, 0, after
local function consider(m)
  scanned = scanned + 1
  last = m
  local space = string.find(m, ' ', 1, true)
  local at = 9999999999999 - tonumber(string.sub(m, space + 1, space + 13))
  if (from and at < from) or (to and at >= to) then
    return
  end
  local id = unflip(string.sub(m, space + 14, -2))
  for _, t in ipairs(terms) do
    if t ~= 't:all' and not redis.call('ZSCORE', P .. t, id) then
      return
    end
  end
  table.insert(out, m)
  found = found + 1
end
-- Reads members from `lo` up to `hi` in ascending order, a chunk at a time; true when they ran out.
local chunk = 200
local function walk(lo, hi)
  while found < limit and scanned < maxScan do
    local members = redis.call('ZRANGE', S, lo, hi, 'BYLEX', 'LIMIT', 0, chunk)
    for _, m in ipairs(members) do
      consider(m)
      if found >= limit then
        return false
      end
    end
    if #members < chunk then
      return true
    end
    lo = '(' .. members[#members]
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
  -- Descending: the keys' groups ("a<key> ") from the greatest down, each group in its own (ascending) order so
  -- that ties stay newest first, then the empty cells' group ("b ") likewise.
  local function groupOf(m)
    return string.sub(m, 1, string.find(m, ' ', 1, true))
  end
  local function below(group)
    local prev = redis.call('ZRANGE', S, '(' .. group, '[a', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
    return prev and groupOf(prev) or 'b '
  end
  local group, lo
  if after == '' then
    group = below('b')
    lo = '[' .. group
  else
    group, lo = groupOf(after), '(' .. after
  end
  while found < limit and scanned < maxScan do
    local hi = group == 'b ' and '+' or '[' .. group .. string.char(255)
    if not walk(lo, hi) then
      break
    end
    if group == 'b ' then
      done = 1
      break
    end
    group = below(group)
    lo = '[' .. group
  end
end
local reply = { done, last }
for _, m in ipairs(out) do
  table.insert(reply, m)
end
return reply
