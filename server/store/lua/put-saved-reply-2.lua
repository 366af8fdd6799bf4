-- Adds or replaces one of the team's saved replies in one step, so two owners writing at once cannot both take a
-- shortcut, pass the cap, or bring back a reply another owner just deleted.
-- Input: KEYS[1] the replies (hash: id -> JSON), KEYS[2] the shortcuts (hash: shortcut -> id);
--        ARGV[1] the id, ARGV[2] its JSON, ARGV[3] its shortcut, ARGV[4] the maximum when adding, "" when replacing
-- Output: "ok", "missing" (replacing a reply that is gone), "duplicate" (another reply has the shortcut), "full".
local current = redis.call('HGET', KEYS[1], ARGV[1])
local adding = ARGV[4] ~= ''
if not adding and not current then
  return 'missing'
end
local owner = redis.call('HGET', KEYS[2], ARGV[3])
if owner and owner ~= ARGV[1] then
  return 'duplicate'
end
if adding and not current and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then
  return 'full'
end
if current then
  local old = cjson.decode(current).shortcut
  if old ~= ARGV[3] then
    redis.call('HDEL', KEYS[2], old)
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
return 'ok'
