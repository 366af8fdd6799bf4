-- The docs of several of a site's conversations in one call (a page of lead rows, a person's conversations), as
-- HMGET doc rev would read each: one command and one reply instead of one per row. Read only.
-- Input (no KEYS: every key is named from ARGV[1]; the store passes one of the site's index keys as KEYS[1], not
-- read, only to route the call to the site's slot on Redis Cluster, where the site's conversations are, keys.ts):
--   ARGV[1] a conversation's key before its id (keys.ts conversation("", site)), ARGV[2..] the ids
-- Output: per id, its doc and its rev; "" and "" for one that no longer exists.
local out = {}
for i = 2, #ARGV do
  local h = redis.call('HMGET', ARGV[1] .. ARGV[i], 'doc', 'rev')
  out[#out + 1] = h[1] or ''
  out[#out + 1] = h[2] or ''
end
return out
