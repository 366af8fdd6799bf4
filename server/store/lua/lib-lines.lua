-- A visitor's line counted under their rate limits, and lines appended to a conversation, for every script that
-- stores lines (append-messages-5.lua, create-conversation-8.lua, write-conversation-11.lua): prepended to them
-- when they are loaded (lua() in redis/context.ts).
local lines = {}

-- Counts one line under `n` counters, KEYS[first + 1..first + n], each with its limit and window in ms at
-- ARGV[at + 2i - 1] and ARGV[at + 2i], in order, exactly as rate-limit-n.lua counts: the first counter over its
-- limit refuses the line, and the counters after it do not count it. Returns nil when every counter allows it,
-- else the ms until the refusing counter's window ends.
function lines.limit(first, n, at)
  for i = 1, n do
    local key = KEYS[first + i]
    local count = redis.call('INCR', key)
    local left = redis.call('PTTL', key)
    if count == 1 or left < 0 then
      redis.call('PEXPIRE', key, ARGV[at + 2 * i])
      left = tonumber(ARGV[at + 2 * i])
    end
    if count > tonumber(ARGV[at + 2 * i - 1]) then
      return left
    end
  end
  return nil
end

-- Appends the messages ARGV[from..to] (per message: clientId, message JSON without seq), each once per clientId (a
-- resend gets its stored copy), each with the conversation's next seq. `messages` (sorted set: member = message
-- JSON without seq, score = seq), `ids` (clientId -> seq) and `seq` (the counter) are its keys. Adds to `out`, per
-- message, its seq, its stored JSON if it was a duplicate (else "": the caller has it), and 1 if it was a
-- duplicate else 0. Returns true when a message was added.
function lines.append(messages, ids, seq, from, to, out)
  local added = false
  for i = from, to, 2 do
    local clientId, json = ARGV[i], ARGV[i + 1]
    local seen = redis.call('HGET', ids, clientId)
    if seen then
      local stored = redis.call('ZRANGE', messages, seen, seen, 'BYSCORE')
      table.insert(out, tonumber(seen))
      table.insert(out, stored[1] or json)
      table.insert(out, 1)
    else
      local n = redis.call('INCR', seq)
      redis.call('ZADD', messages, n, json)
      redis.call('HSET', ids, clientId, n)
      table.insert(out, n)
      table.insert(out, '')
      table.insert(out, 0)
      added = true
    end
  end
  return added
end
