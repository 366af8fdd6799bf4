-- Compare-and-set of a follow-up by its "rev", keeping the site's list of open items in step, in one step.
-- Input:
--   KEYS[1] the item (JSON string), KEYS[2] the site's open items (sorted set by due time)
--   ARGV[1] the rev the writer read, ARGV[2] the new JSON (its rev already bumped), ARGV[3] its due time (ms), or
--   "" when it is done (it leaves the list), ARGV[4] its id, ARGV[5] retention (seconds)
-- Output: 1 when written, 0 when the item is gone or someone else wrote first.
local current = redis.call('GET', KEYS[1])
if not current then
  return 0
end
if tostring(cjson.decode(current).rev) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[5])
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[2], ARGV[4])
else
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
end
return 1
