-- jbilliard Redis queue protocol v1: take one item (fenced, replay-safe).
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = handle, seq
-- returns {0} taken: the item is the one element of got:<h> | {1} empty | {-1} no such queue |
--   {-2} lease lapsed (renew, retry)
-- Run it as MULTI, EVALSHA get.lua, LINDEX got:<h> 0, EXEC: the item travels in the LINDEX reply.
-- The item never passes through this script: RENAME (the only element) or SORT ... STORE (copied
-- once inside the server) puts it into got:<h>, since turning a payload into a Lua string and back
-- costs milliseconds per MiB (measured: 25 ms for 8 MiB on Redis 7.0, half the budget of a call
-- that must not wait).
-- Takes the item BLMOVE items proc:<h> left for this handle first, else the head of items. A
-- bounded queue gets its token back. The item stays in got:<h> until the handle asks with another
-- seq, so a reply lost on the way is replayed by the same (handle, seq).
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
local h, seq = ARGV[1], ARGV[2]
local maxsize = redis.call('HGET', meta, 'maxsize')
if not maxsize then return {-1} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local s = redis.call('ZSCORE', P .. 'handles', h)
if not s or tonumber(s) < now then return {-2} end
local rec = P .. 'rec:' .. h
local got = P .. 'got:' .. h
local r = redis.call('HMGET', rec, 'seq', 'op')
if r[1] == seq and r[2] == 'get' then return {0} end
-- A new seq: the reply of this handle's previous get was received.
redis.call('DEL', got)
local from = P .. 'proc:' .. h
local n = redis.call('LLEN', from)
if n == 0 then
  from = P .. 'items'
  n = redis.call('LLEN', from)
end
if n == 0 then return {1} end
if n == 1 then
  -- the only element: the list itself becomes got:<h>, no copy at all
  redis.call('RENAME', from, got)
else
  redis.call('SORT', from, 'BY', 'nosort', 'LIMIT', 0, 1, 'STORE', got)
  redis.call('LTRIM', from, 1, -1)
end
if tonumber(maxsize) > 0 then redis.call('RPUSH', P .. 'slots', '1') end
redis.call('DEL', rec)
redis.call('HSET', rec, 'seq', seq, 'op', 'get')
return {0}
