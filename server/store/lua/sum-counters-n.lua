-- Sums a report's counter hashes inside Redis (shared/funnel/SPEC.md F28, F34), so a year's report receives its
-- summed counters (a few thousand fields) rather than every field of every month and edge day it reads.
-- Input:
--   KEYS[1..ARGV[1]] hashes to add (month rollups, days), KEYS[ARGV[1]+1..#KEYS] hashes to take off (the days of a
--   partial month outside the range); all of one site, so one slot in a cluster whose keys are tagged by site
--   ARGV[1] how many KEYS are added
-- Output: a flat list field, sum, field, sum... of every field whose sum is not zero.
local plus = tonumber(ARGV[1])
local sums = {}
for i = 1, #KEYS do
  local sign = i <= plus and 1 or -1
  local h = redis.call('HGETALL', KEYS[i])
  for j = 1, #h, 2 do
    local f = h[j]
    sums[f] = (sums[f] or 0) + sign * tonumber(h[j + 1])
  end
end
local out = {}
for f, n in pairs(sums) do
  if n ~= 0 then
    out[#out + 1] = f
    out[#out + 1] = tostring(n)
  end
end
return out
