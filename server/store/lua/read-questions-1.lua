-- Reads a site's unanswered questions as its conversations' writes counted them (shared/leads/SPEC.md Q1,
-- lib-funnel-counters.lua): every month still kept, each question with how many conversations asked it that month
-- and the latest asking.
-- Input: KEYS[1] the site's questions key (a sorted set of months by expiry; the months' keys are named from it, in
--   the same slot); ARGV[1] now (Unix s)
-- Output: a flat list: question id, count, latest member ("<conversation id>\n<text>"), its time (ms), ...
local out = {}
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], '(' .. ARGV[1], '+inf', 'BYSCORE')) do
  local month = KEYS[1] .. ':' .. m
  local ids = redis.call('ZRANGE', month, 0, -1, 'WITHSCORES')
  for i = 1, #ids, 2 do
    local latest = redis.call('ZRANGE', month .. ':' .. ids[i], -1, -1, 'WITHSCORES')
    if latest[1] then
      out[#out + 1] = ids[i]
      out[#out + 1] = ids[i + 1]
      out[#out + 1] = latest[1]
      out[#out + 1] = latest[2]
    end
  end
end
return out
