-- Compare-and-set of a JSON record (a user, a site) by its "rev" field, so concurrent read-modify-writes cannot
-- overwrite each other, and a record removed meanwhile is not brought back.
-- Input:
--   KEYS[1] the record (JSON string)
--   ARGV[1] the rev the writer read (absent rev counts as 0), ARGV[2] the new JSON (its rev already bumped)
-- Output: 1 when written, 0 when the record is gone or someone else wrote first.
local current = redis.call('GET', KEYS[1])
if not current then
  return 0
end
local rev = cjson.decode(current).rev or 0
if tostring(rev) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
