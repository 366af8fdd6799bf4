-- Adds a site's webhook endpoint unless the site has the maximum already, in one step, so two owners adding at
-- once cannot pass the cap.
-- Input: KEYS[1] the endpoint (JSON string), KEYS[2] the site's endpoint ids (set);
--        ARGV[1] the endpoint id, ARGV[2] its JSON, ARGV[3] the maximum per site
-- Output: 1 when added, 0 when the site is full.
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
