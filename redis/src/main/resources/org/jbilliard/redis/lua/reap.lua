-- jbilliard Redis queue protocol v1: give back what handles with a lapsed lease held.
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = at most this many handles
-- returns the number of handles reaped. For each: the items of proc:<h> go back to the HEAD of
--   items (they were taken first), the tokens of held:<h> back to slots, rec:<h> is deleted, and
--   the handle leaves the lease set. A reaped handle's next fenced script fails with -2.
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local dead = redis.call('ZRANGEBYSCORE', P .. 'handles', '-inf', '(' .. now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, h in ipairs(dead) do
  while redis.call('LMOVE', P .. 'proc:' .. h, P .. 'items', 'RIGHT', 'LEFT') do end
  while redis.call('LMOVE', P .. 'held:' .. h, P .. 'slots', 'RIGHT', 'LEFT') do end
  redis.call('DEL', P .. 'rec:' .. h, P .. 'got:' .. h)
  redis.call('ZREM', P .. 'handles', h)
end
return #dead
