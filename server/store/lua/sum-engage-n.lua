-- Sums a range's teaser counts (shared/funnel/SPEC.md F24): one hash per site and UTC day, a field per trigger and
-- event. A year's report would otherwise send 365 commands, most for empty days, and decode every day's fields;
-- here Redis walks them (a few fields per trigger and day) and sends back one sum per field.
-- Input: KEYS[1..n] the days' hashes, all of one site (one slot in a cluster whose keys are tagged by site).
-- Output: { field, sum, field, sum... }, fields in no order.
local sums, order = {}, {}
for i = 1, #KEYS do
  local h = redis.call('HGETALL', KEYS[i])
  for j = 1, #h, 2 do
    local f = h[j]
    if sums[f] == nil then
      sums[f] = 0
      order[#order + 1] = f
    end
    sums[f] = sums[f] + tonumber(h[j + 1])
  end
end
local out = {}
for _, f in ipairs(order) do
  out[#out + 1] = f
  out[#out + 1] = tostring(sums[f])
end
return out
