-- jbilliard Redis queue protocol v1: take one item (fenced, replay-safe).
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = handle, seq
-- returns {0, payload} | {1} empty | {-1} no such queue | {-2} lease lapsed (renew, retry)
-- Takes the item BLMOVE items proc:<h> left for this handle first, else the head of items. A
-- bounded queue gets its token back. The payload stays in rec:<h> until the handle's next get, so a
-- reply lost on the way is replayed by the same (handle, seq).
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
local r = redis.call('HMGET', rec, 'seq', 'op', 'value')
if r[1] == seq and r[2] == 'get' then return {0, r[3]} end
local v = redis.call('LPOP', P .. 'proc:' .. h)
if not v then v = redis.call('LPOP', P .. 'items') end
if not v then return {1} end
if tonumber(maxsize) > 0 then redis.call('RPUSH', P .. 'slots', '1') end
redis.call('DEL', rec)
redis.call('HSET', rec, 'seq', seq, 'op', 'get', 'value', v)
return {0, v}
