-- The leads index's pair counts (P.."n", lib-lead-index.lua): which terms are facets, how a pair's field is named,
-- and a pair's count. Prepended, before lib-lead-index.lua where both are, to every script that files or reads
-- them (lua() in redis/context.ts).
local leadPairs = {}

-- A facet term: one a filter names and pairs are counted for (t:all, t:decays and search keys are not).
function leadPairs.facet(t)
  return t ~= 't:all' and t ~= 't:decays' and string.sub(t, 1, 4) ~= 't:q:'
end

-- Byte order (Lua's own `<` follows the server's locale).
local function less(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

-- "<lesser>|<greater>", in byte order (server/store/redis/lead-index-arg.ts names them alike).
function leadPairs.field(a, b)
  if less(b, a) then
    a, b = b, a
  end
  return a .. '|' .. b
end

-- How many rows are filed under both facet terms, when the site's index is whole (P.."counted"); else nil.
function leadPairs.count(P, a, b)
  if redis.call('EXISTS', P .. 'counted') == 0 then
    return nil
  end
  return tonumber(redis.call('HGET', P .. 'n', leadPairs.field(a, b)) or 0)
end
