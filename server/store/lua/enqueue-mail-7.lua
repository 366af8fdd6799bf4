-- Enqueues one email in one step: the record (unless this id or its dedupe key exists: a duplicate is dropped),
-- its due time (a kept message, never sent, has none), its place in the newest-first logs (overall and its
-- site's, each keeping the newest ARGV[5]; older ones go with their records and due entries), and, when it is
-- about a conversation, its place in that conversation's mail (erasure).
-- Input:
--   KEYS[1] the message (JSON string), KEYS[2] due messages (sorted set by due time), KEYS[3] every message's log
--   (sorted set by creation time), KEYS[4] the site's log (same), KEYS[5] the conversation's mail (set),
--   KEYS[6] the conversation, KEYS[7] the dedupe key (string: the message id)
--   ARGV[1] id, ARGV[2] JSON, ARGV[3] due at (ms) or "" when kept, ARGV[4] created at (ms), ARGV[5] how many each
--   log keeps, ARGV[6] ttl seconds, ARGV[7] the message key prefix (single Redis or one cluster slot only),
--   ARGV[8] "1" when about a conversation, "2" when about one the caller found stored (Redis Cluster: KEYS[6] is in
--   another slot, so not checked here), ARGV[9] "1" with a site, ARGV[10] "1" with a dedupe key
-- Output: 1 when enqueued, 0 for a duplicate or a conversation that is gone.
if ARGV[8] == '1' and redis.call('EXISTS', KEYS[6]) == 0 then
  return 0
end
if ARGV[10] == '1' and not redis.call('SET', KEYS[7], ARGV[1], 'NX', 'EX', ARGV[6]) then
  return 0
end
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[6]) then
  return 0
end
if ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
end
if ARGV[8] ~= '' then
  redis.call('SADD', KEYS[5], ARGV[1])
  redis.call('EXPIRE', KEYS[5], ARGV[6])
end
local logs = { KEYS[3] }
if ARGV[9] == '1' then
  logs[2] = KEYS[4]
end
for _, log in ipairs(logs) do
  redis.call('ZADD', log, ARGV[4], ARGV[1])
  redis.call('EXPIRE', log, ARGV[6])
  local old = redis.call('ZRANGE', log, 0, -(tonumber(ARGV[5]) + 1))
  for _, id in ipairs(old) do
    redis.call('DEL', ARGV[7] .. id)
    redis.call('ZREM', KEYS[2], id)
  end
  if #old > 0 then
    redis.call('ZREM', log, unpack(old))
  end
end
return 1
