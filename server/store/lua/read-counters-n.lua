-- Reads a report's counter hashes (shared/funnel/SPEC.md F28, F36) for a reader that keeps copies of them: each
-- hash whose version (field "#", lib-funnel-counters.lua) is the one the reader holds comes back as that version
-- alone, any other whole. A year's report re-reads only what moved since (the month in progress, mostly).
-- Input:
--   KEYS[1..n] the hashes; all of one site, so one slot in a cluster whose keys are tagged by site
--   ARGV[1..n] the version the reader holds of each ("" for none)
-- Output: per hash { version } when unchanged, else { version or "", field, n, field, n... } ("#" left out).
local out = {}
for i = 1, #KEYS do
  local version = redis.call('HGET', KEYS[i], '#') or ''
  if version ~= '' and version == ARGV[i] then
    out[i] = { version }
  else
    local h = redis.call('HGETALL', KEYS[i])
    local one = { version }
    for j = 1, #h, 2 do
      if h[j] ~= '#' then
        one[#one + 1] = h[j]
        one[#one + 1] = h[j + 1]
      end
    end
    out[i] = one
  end
end
return out
