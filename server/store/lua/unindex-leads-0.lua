-- Takes conversations that no longer exist (expired, or erased) off their site's leads index, each in one step
-- with promoting its person's next newest conversation to their row (lib-lead-index.lua).
-- Input (no KEYS: the index's keys are the site's, named from ARGV[1]; the conversations' from ARGV[2], read on a
-- single Redis or a hash-tagged cluster slot only, as in create-conversation-8.lua; the store passes one of the
-- index's keys as KEYS[1], not read, only to route the call to the site's slot on Redis Cluster):
--   ARGV[1] the index's key prefix P, ARGV[2] the conversation key prefix, ARGV[3..] conversation ids
-- Output: how many were taken off. One still stored (written again meanwhile) is left as it is.
local taken = 0
for i = 3, #ARGV do
  if redis.call('EXISTS', ARGV[2] .. ARGV[i]) == 0 then
    leadIndex.drop(ARGV[1], ARGV[i])
    taken = taken + 1
  end
end
return taken
