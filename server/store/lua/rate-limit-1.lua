-- Counts one event in a fixed window.
-- Input: KEYS[1] the counter; ARGV[1] limit, ARGV[2] window in ms
-- Output: { 1, 0 } when allowed, { 0, ms until the window ends } when over the limit.
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
if n > tonumber(ARGV[1]) then
  return { 0, ttl }
end
return { 1, 0 }
