-- Files one stored conversation in its site's leads index as its write would have: when the index does not have it
-- yet (a store written before the index), or has it without its sort members (written before the sorts: the entry
-- is upgraded, lib-lead-index.lua). The entry is the write path's own, computed by the caller from the stored doc.
-- Input: KEYS[1] the conversation hash; ARGV[1] its id, ARGV[2] the rev the entry was computed from, ARGV[3] JSON
--   { P = key prefix, e = the entry: JSON text of { p = person suffix or "", t = term suffixes, at = createdAt, s =
--   sort members } } (the index's keys are the site's, named from P, as lib-lead-index.lua lists)
-- Output: 1 when filed or upgraded, 0 when already there, gone, or written since (its write filed it).
local arg = cjson.decode(ARGV[3])
local index = cjson.decode(arg.e)
index.P = arg.P
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[2] then
  return 0
end
local entry = leadIndex.entry(index.P, ARGV[1])
if entry and entry.s then
  return 0
end
if entry then
  leadIndex.upgrade(index.P, ARGV[1], entry, index.s)
else
  leadIndex.write(index.P, ARGV[1], index.at, index.p, index.t, index.s, arg.e)
end
return 1
