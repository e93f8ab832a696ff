-- jbilliard Redis queue protocol v1: put one encoded item (fenced, replay-safe).
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = handle, seq, payload
-- returns {0} put (or already put by this handle with this seq) | {1} full | {-1} no such queue |
--   {-2} the handle's lease lapsed: renew it with lease.lua, then retry
-- A bounded queue takes the handle's held token first (left by BLMOVE slots held:<h>), then a free
-- token, then a spare one. A joinable queue counts the item as an unfinished task.
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
local h, seq = ARGV[1], ARGV[2]
local m = redis.call('HMGET', meta, 'kind', 'maxsize')
if not m[1] then return {-1} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local s = redis.call('ZSCORE', P .. 'handles', h)
if not s or tonumber(s) < now then return {-2} end
local rec = P .. 'rec:' .. h
local r = redis.call('HMGET', rec, 'seq', 'op')
if r[1] == seq and r[2] == 'put' then return {0} end
if tonumber(m[2]) > 0 then
  local token = redis.call('LPOP', P .. 'held:' .. h)
  if not token then token = redis.call('LPOP', P .. 'slots') end
  if not token then
    if tonumber(redis.call('HGET', meta, 'spare')) > 0 then
      redis.call('HINCRBY', meta, 'spare', -1)
    else
      return {1}
    end
  end
end
redis.call('RPUSH', P .. 'items', ARGV[3])
if m[1] == 'joinable' then
  redis.call('INCR', P .. 'unfinished')
  redis.call('DEL', P .. 'unfinished:zero')
end
redis.call('DEL', rec, P .. 'got:' .. h)
redis.call('HSET', rec, 'seq', seq, 'op', 'put')
return {0}
