-- Takes one of a limited number of slots (open connections per IP). Released with DECR by the owner; the TTL,
-- refreshed on every take, returns slots a crashed process never released.
-- Input: KEYS[1] the counter; ARGV[1] max, ARGV[2] ttl in ms
-- Output: 1 when taken, 0 when all are in use.
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if n > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return 0
end
return 1
