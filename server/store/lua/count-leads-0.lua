-- How many of a site's lead rows are filed under every given term and created in [from, to). Read only.
-- Input (no KEYS: every key is the site's leads index, named from ARGV[1], as lib-lead-index.lua lists; the store
-- passes one of them as KEYS[1], not read, only to route the call to the site's slot on Redis Cluster):
--   ARGV[1] the index's key prefix P, ARGV[2] JSON list of term suffixes (at least one), ARGV[3] from or "",
--   ARGV[4] to (exclusive) or ""
-- Output: the count. One term: ZCOUNT; two facet terms without dates: their pair's count (P.."n", kept by every
-- write once the site's index is whole, P.."counted"); several without dates: ZINTERCARD; else the smallest set's
-- members in the range, each checked against the others.
local P = ARGV[1]
local terms = cjson.decode(ARGV[2])
local min = ARGV[3] ~= '' and ARGV[3] or '-inf'
local max = ARGV[4] ~= '' and ('(' .. ARGV[4]) or '+inf'
if #terms == 1 then
  return redis.call('ZCOUNT', P .. terms[1], min, max)
end
local names = {}
for i, t in ipairs(terms) do
  names[i] = P .. t
end
if ARGV[3] == '' and ARGV[4] == '' then
  local pair = #terms == 2 and leadPairs.facet(terms[1]) and leadPairs.facet(terms[2])
    and leadPairs.count(P, terms[1], terms[2])
  if pair then
    return pair
  end
  return redis.call('ZINTERCARD', #names, unpack(names))
end
local drive, least = 1, nil
for i, name in ipairs(names) do
  local n = redis.call('ZCOUNT', name, min, max)
  if least == nil or n < least then
    drive, least = i, n
  end
end
local count = 0
for _, id in ipairs(redis.call('ZRANGE', names[drive], min, max, 'BYSCORE')) do
  local all = true
  for i, name in ipairs(names) do
    if i ~= drive and not redis.call('ZSCORE', name, id) then
      all = false
      break
    end
  end
  if all then
    count = count + 1
  end
end
return count
