-- Counts one event in fixed windows, under each key in order, in one step: the first key over its limit refuses
-- the event, and the keys after it do not count it (one visitor's flood, refused by its own limit, must not use
-- up the site's).
-- Input: KEYS[i] the counters; ARGV[2i-1] key i's limit, ARGV[2i] its window in ms
-- Output: { 1, 0 } when allowed under every key, { 0, ms until the refusing key's window ends } otherwise.
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if n == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[2 * i])
    ttl = tonumber(ARGV[2 * i])
  end
  if n > tonumber(ARGV[2 * i - 1]) then
    return { 0, ttl }
  end
end
return { 1, 0 }
