-- Deletes a saved reply with its shortcut, in one step with any edit racing it (which may have changed the shortcut).
-- Input: KEYS[1] the replies (hash: id -> JSON), KEYS[2] the shortcuts (hash: shortcut -> id); ARGV[1] the id
-- Output: 1 when deleted, 0 when there was no such reply.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 0
end
local shortcut = cjson.decode(current).shortcut
if redis.call('HGET', KEYS[2], shortcut) == ARGV[1] then
  redis.call('HDEL', KEYS[2], shortcut)
end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
