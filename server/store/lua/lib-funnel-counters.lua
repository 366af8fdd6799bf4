-- The funnel's counter hashes (shared/funnel/SPEC.md F27, F34, F36), for every script that moves them (the
-- conversation's create, write, backfill count and erase): one hash moved from what a conversation added before to
-- what it adds now, in the script's one step.
local funnelCounters = {}

-- Moves `key` by `now` less `old` (field -> n each), removes a counter that reaches zero, and sets the hash's
-- expiry (Unix s; one past its retention deletes it at once, so late writes never revive it). A hash that moved
-- gets a new version in its field "#", so a reader's copy of it is known stale (server/store/redis/funnel.ts); a
-- version starts from the server's clock in microseconds, so a hash deleted and made again never repeats one. A
-- hash left with no counter is deleted. Returns true when a counter moved.
function funnelCounters.move(key, now, old, at)
  local moved = false
  for f, v in pairs(now) do
    local d = v - (old[f] or 0)
    if d ~= 0 then
      moved = true
      if redis.call('HINCRBY', key, f, d) == 0 then
        redis.call('HDEL', key, f)
      end
    end
  end
  for f, v in pairs(old) do
    if now[f] == nil and v ~= 0 then
      moved = true
      if redis.call('HINCRBY', key, f, -v) == 0 then
        redis.call('HDEL', key, f)
      end
    end
  end
  if moved then
    local left = redis.call('HLEN', key)
    if left == 1 and redis.call('HEXISTS', key, '#') == 1 then
      redis.call('DEL', key)
      return true
    end
    if left > 0 and redis.call('HINCRBY', key, '#', 1) == 1 then
      local t = redis.call('TIME')
      redis.call('HSET', key, '#', t[1] .. string.format('%06d', tonumber(t[2])))
    end
  end
  redis.call('EXPIREAT', key, at)
  return moved
end

-- Moves a conversation's counter hashes, KEYS[first] on (counterHashes' order, one per entry of p.at), to what it
-- adds now, and keeps that as what it added (field `funnel` of `conv`). p: the funnel payload
-- (server/store/redis/funnel.ts funnelPayload): `s` the counts now (JSON text, stored as given), `at` the hashes'
-- expiries, and maybe `o` and `d`: when the stored text is `o` (this process stored it last), only the counters in
-- `d` ({ hash index, { field = difference } } each) move. Otherwise each hash moves from the record (absent: nothing
-- counted yet; one object: a record from before rollups, its day's counts only) to now. True when a counter moved.
function funnelCounters.write(conv, first, p)
  local stored = redis.call('HGET', conv, 'funnel')
  local moved = false
  if p.o ~= nil and stored == p.o then
    for _, m in ipairs(p.d) do
      if funnelCounters.move(KEYS[first + m[1] - 1], m[2], {}, p.at[m[1]]) then
        moved = true
      end
    end
  else
    local now = cjson.decode(p.s)
    local old = cjson.decode(stored or '[]')
    if old[1] == nil and next(old) ~= nil then
      old = { old }
    end
    for j = 1, #p.at do
      if funnelCounters.move(KEYS[first + j - 1], now[j], old[j] or {}, p.at[j]) then
        moved = true
      end
    end
  end
  if stored ~= p.s then
    redis.call('HSET', conv, 'funnel', p.s)
  end
  return moved
end

-- The questions a site's visitors asked that the bot could not answer (shared/leads/SPEC.md Q1), counted per month of
-- the conversations' creation: `q` = { P = the site's questions key, m = the month, at = when the month's counts
-- expire (Unix s), cap = how many distinct questions a month may hold, c = { [question id] = { at, member } } }, what
-- the conversation adds now (its latest unanswered asking of each question; member "<conversation id>\n<text>").
-- P is a sorted set of the site's months by expiry; P:<month> its questions by how many conversations asked each;
-- P:<month>:<id> those conversations' askings by time (one member each), so an erasure or a changed asking takes
-- exactly its own off, and the latest asking left is the sorted set's last. `conv` holds what it added before (field
-- `asked`), moved by the difference. A question new to a month that already holds `cap` is not counted there:
-- a flood of new questions fills no more than that, and never takes a counted one out.
function funnelCounters.questions(conv, q)
  local old = cjson.decode(redis.call('HGET', conv, 'asked') or '{}')
  local month = q.P .. ':' .. q.m
  local touched = {}
  for id, o in pairs(old) do
    local n = q.c[id]
    if (not n or n[2] ~= o[2]) and redis.call('ZREM', month .. ':' .. id, o[2]) == 1 then
      touched[id] = true
    end
  end
  for id, n in pairs(q.c) do
    local o = old[id]
    if not o or n[1] ~= o[1] or n[2] ~= o[2] then
      if redis.call('ZSCORE', month, id) or redis.call('ZCARD', month) < q.cap then
        -- Listed at once, so that one write of many new questions meets the cap too.
        redis.call('ZADD', month .. ':' .. id, n[1], n[2])
        redis.call('ZADD', month, redis.call('ZCARD', month .. ':' .. id), id)
        touched[id] = true
      end
    end
  end
  for id in pairs(touched) do
    local key = month .. ':' .. id
    local count = redis.call('ZCARD', key)
    if count == 0 then
      redis.call('ZREM', month, id)
    else
      redis.call('ZADD', month, count, id)
      redis.call('EXPIREAT', key, q.at)
    end
  end
  if next(touched) ~= nil then
    if redis.call('EXISTS', month) == 1 then
      redis.call('EXPIREAT', month, q.at)
      redis.call('ZADD', q.P, q.at, q.m)
      if redis.call('EXPIRETIME', q.P) < q.at then
        redis.call('EXPIREAT', q.P, q.at)
      end
    else
      redis.call('ZREM', q.P, q.m)
    end
  end
  if next(q.c) == nil then
    redis.call('HDEL', conv, 'asked')
  else
    redis.call('HSET', conv, 'asked', cjson.encode(q.c))
  end
end
