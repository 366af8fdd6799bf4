-- One page of a site's lead rows filed under every given term (lib-lead-index.lua), newest first by (createdAt,
-- id) or the exact reverse, read from the smallest of the terms' sorted sets and checked against the others. Read
-- only. The inbox's activity index (lib-activity-index.lua) is paged by it too: the same sorted sets, by updatedAt.
-- Input (no KEYS: every key is the site's leads index, named from ARGV[1], as lib-lead-index.lua lists; the store
-- passes one of them as KEYS[1], not read, only to route the call to the site's slot on Redis Cluster):
--   ARGV[1] the index's key prefix P, ARGV[2] JSON list of term suffixes (at least one),
--   ARGV[3] from (createdAt, inclusive) or "", ARGV[4] to (exclusive) or "",
--   ARGV[5] after: the createdAt of the previous page's last row, or "" for the first page, ARGV[6] its id,
--   ARGV[7] how many rows, ARGV[8] at most how many members to look at in this call, ARGV[9] "asc" for oldest
--   first (equal times by id, ascending), else newest first
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
local asc = ARGV[9] == 'asc'
-- From the cursor on, rows created in its ms first: by id, descending (ZRANGE ... REV), or ascending.
local near, far
if ARGV[5] ~= '' then
  local same = asc and redis.call('ZRANGE', P .. drive, ARGV[5], ARGV[5], 'BYSCORE')
    or redis.call('ZRANGE', P .. drive, ARGV[5], ARGV[5], 'BYSCORE', 'REV')
  for _, id in ipairs(same) do
    if found >= limit then
      break
    end
    if (asc and id > ARGV[6]) or (not asc and id < ARGV[6]) then
      consider(id, ARGV[5])
    end
  end
  near = '(' .. ARGV[5]
elseif asc then
  near = ARGV[3] ~= '' and ARGV[3] or '-inf'
else
  near = ARGV[4] ~= '' and ('(' .. ARGV[4]) or '+inf'
end
if asc then
  far = ARGV[4] ~= '' and ('(' .. ARGV[4]) or '+inf'
else
  far = ARGV[3] ~= '' and ARGV[3] or '-inf'
end
local offset, chunk, done = 0, 200, 0
while found < limit and scanned < maxScan do
  local members = asc and redis.call('ZRANGE', P .. drive, near, far, 'BYSCORE', 'LIMIT', offset, chunk, 'WITHSCORES')
    or redis.call('ZRANGE', P .. drive, near, far, 'BYSCORE', 'REV', 'LIMIT', offset, chunk, 'WITHSCORES')
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
