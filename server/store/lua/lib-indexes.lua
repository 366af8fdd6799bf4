-- The site's leads and activity indexes of the conversation a script writes (create-conversation-8.lua,
-- write-conversation-11.lua), filed in the same step as the write: prepended after lib-lead-index.lua and
-- lib-activity-index.lua when those scripts are loaded (lua() in redis/context.ts).
local indexes = {}

-- Files conversation `id` from the end of the script's ARGV: ARGV[#ARGV - 2] its leads index entry
-- (lib-lead-index.lua leadIndex.put: JSON { P = key prefix, e = the entry, maybe o and m }), ARGV[#ARGV - 1] its
-- activity index terms (lib-activity-index.lua: JSON { A = key prefix, t = term suffixes, at = updatedAt }); the
-- funnel payload is last.
function indexes.write(id)
  local index = cjson.decode(ARGV[#ARGV - 2])
  leadIndex.put(index.P, id, index)
  local activity = cjson.decode(ARGV[#ARGV - 1])
  activityIndex.write(activity.A, id, activity.at, activity.t)
end
