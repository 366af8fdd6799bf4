-- Takes back one count of an event from a counter of rate-limit-n.lua: on Redis Cluster, where a turn's counters
-- are in different slots and counted together, from each counter after the one that refused the event (as the
-- script on one Redis would not have counted it there). A counter whose window ended since is left alone, so
-- nothing is left without its expiry, and none goes below zero; DECR keeps the window's expiry.
-- Input: KEYS[1] the counter
-- Output: the count now, or -1 when the counter is gone.
local n = tonumber(redis.call('GET', KEYS[1]) or '-1')
if n < 0 then
  return -1
end
if n == 0 then
  return 0
end
return redis.call('DECR', KEYS[1])
