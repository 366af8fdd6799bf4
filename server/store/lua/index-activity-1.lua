-- Files one stored conversation in its site's activity index if the index does not have it yet (a store written
-- before the index): the write path's own entry (lib-activity-index.lua), computed by the caller from the stored doc.
-- Input: KEYS[1] the conversation hash; ARGV[1] its id, ARGV[2] the rev the entry was computed from, ARGV[3] JSON
--   { A = key prefix, t = term suffixes, at = updatedAt } (the index's keys are the site's, named from A)
-- Output: 1 when filed, 0 when already there, gone, or written since (its write filed it).
local index = cjson.decode(ARGV[3])
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[2] or redis.call('HEXISTS', index.A .. 'reg', ARGV[1]) == 1 then
  return 0
end
activityIndex.write(index.A, ARGV[1], index.at, index.t)
return 1
