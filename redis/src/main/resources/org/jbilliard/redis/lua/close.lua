-- jbilliard Redis queue protocol v1: release handles; the last one deletes the queue.
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = handle 1, handle 2, ...
-- returns {0} released | {1} released, and the queue was deleted (no live handle left) | {-1}
-- Gives back what each handle held (as reap.lua), reaps lapsed handles, and deletes every key of
-- the queue when the lease set is empty afterwards.
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
if redis.call('EXISTS', meta) == 0 then return {-1} end
local function release(h)
  while redis.call('LMOVE', P .. 'proc:' .. h, P .. 'items', 'RIGHT', 'LEFT') do end
  while redis.call('LMOVE', P .. 'held:' .. h, P .. 'slots', 'RIGHT', 'LEFT') do end
  redis.call('DEL', P .. 'rec:' .. h, P .. 'got:' .. h)
  redis.call('ZREM', P .. 'handles', h)
end
for i = 1, #ARGV do release(ARGV[i]) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, h in ipairs(redis.call('ZRANGEBYSCORE', P .. 'handles', '-inf', '(' .. now)) do release(h) end
if redis.call('ZCARD', P .. 'handles') == 0 then
  redis.call('DEL', meta, P .. 'items', P .. 'slots', P .. 'handles', P .. 'unfinished', P .. 'unfinished:zero')
  return {1}
end
return {0}
