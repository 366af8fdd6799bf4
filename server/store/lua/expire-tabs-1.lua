-- Drops console tabs whose heartbeat expired and reports the reps left with no tab: each such rep is reported
-- by exactly one caller, so their chats are re-queued once.
-- Input: KEYS[1] tabs (sorted set: member "repId|tabId", score = expiresAt); ARGV[1] now
-- Output: rep ids that just went offline
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if #expired == 0 then
  return {}
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local online = {}
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  online[string.match(member, '^(.-)|')] = true
end
local gone, seen = {}, {}
for _, member in ipairs(expired) do
  local rep = string.match(member, '^(.-)|')
  if rep and not online[rep] and not seen[rep] then
    seen[rep] = true
    table.insert(gone, rep)
  end
end
return gone
