-- One page of a site's lead rows filed under every given term (lib-lead-index.lua), newest first by (createdAt,
-- id), read from the smallest of the terms' sorted sets and checked against the others. Read only.
-- The inbox's activity index (lib-activity-index.lua) is paged by it too: the same sorted sets, by updatedAt.
-- Input (no KEYS: every key is the site's leads index, named from ARGV[1], as lib-lead-index.lua lists; the store
-- passes one of them as KEYS[1], not read, only to route the call to the site's slot on Redis Cluster):
--   ARGV[1] the index's key prefix P, ARGV[2] JSON list of term suffixes (at least one),
--   ARGV[3] from (createdAt, inclusive) or "", ARGV[4] to (exclusive) or "",
--   ARGV[5] after: the createdAt of the previous page's last row, or "" for the first page, ARGV[6] its id,
--   ARGV[7] how many rows, ARGV[8] at most how many members to look at in this call
-- Output: { done (1 when the set was read to its end), last looked-at score, last looked-at id, then per row:
--   id, createdAt }. Not done: call again after the last looked-at member.
local P = ARGV[1]
local terms = cjson.decode(ARGV[2])
local limit, maxScan = tonumber(ARGV[7]), tonumber(ARGV[8])
local drive, least = terms[1], nil
for _, t in ipairs(terms) do
  local n = redis.call('ZCARD', P .. t)
  if least == nil or n < least then
    drive, least = t, n
  end
end
local out, found, scanned = {}, 0, 0
local lastScore, lastId = ARGV[5], ARGV[6]
local function consider(id, score)
  scanned = scanned + 1
  lastScore, lastId = score, id
  for _, t in ipairs(terms) do
    if t ~= drive and not redis.call('ZSCORE', P .. t, id) then
      return
    end
  end
  table.insert(out, id)
  table.insert(out, score)
  found = found + 1
end
local max
if ARGV[5] ~= '' then
  -- Rows created in the same ms as the cursor's come by id, descending, as ZRANGE ... REV orders them.
  local same = redis.call('ZRANGE', P .. drive, ARGV[5], ARGV[5], 'BYSCORE', 'REV')
  for _, id in ipairs(same) do
    if found >= limit then
      break
    end
    if id < ARGV[6] then
      consider(id, ARGV[5])
    end
  end
  max = '(' .. ARGV[5]
elseif ARGV[4] ~= '' then
  max = '(' .. ARGV[4]
else
  max = '+inf'
end
local min = ARGV[3] ~= '' and ARGV[3] or '-inf'
local offset, chunk, done = 0, 200, 0
while found < limit and scanned < maxScan do
  local members = redis.call('ZRANGE', P .. drive, max, min, 'BYSCORE', 'REV', 'LIMIT', offset, chunk, 'WITHSCORES')
  for i = 1, #members, 2 do
    consider(members[i], members[i + 1])
    if found >= limit then
      break
    end
  end
  if #members < 2 * chunk and found < limit then
    done = 1
    break
  end
  offset = offset + chunk
end
local reply = { done, tostring(lastScore), lastId }
for _, v in ipairs(out) do
  table.insert(reply, tostring(v))
end
return reply
