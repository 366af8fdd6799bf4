-- Finds the id of the user an email belongs to. Keys stored before emails were hashed name the email in clear: a
-- lookup that misses the hashed key moves such a key to it, in this same step, so two processes looking at once
-- cannot lose the user between them.
-- Input: KEYS[1] the email's user id (the email hashed), KEYS[2] the same under its legacy name (the email in clear)
-- Output: the user id, or nil when the email is nobody's.
local id = redis.call('GET', KEYS[1])
if id then
  return id
end
id = redis.call('GET', KEYS[2])
if not id then
  return nil
end
redis.call('SET', KEYS[1], id)
redis.call('DEL', KEYS[2])
return id
