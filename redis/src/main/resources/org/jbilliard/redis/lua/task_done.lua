-- jbilliard Redis queue protocol v1: mark one task of a joinable queue done (replay-safe).
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = handle, seq
-- returns {0} done | {1} "task_done() called too many times" | {-1} no such queue
-- At zero, unfinished:zero gets its one element, which wakes every join waiter (they rotate it).
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
local h, seq = ARGV[1], ARGV[2]
if redis.call('EXISTS', meta) == 0 then return {-1} end
local rec = P .. 'rec:' .. h
local r = redis.call('HMGET', rec, 'seq', 'op')
if r[1] == seq and r[2] == 'done' then return {0} end
local n = tonumber(redis.call('GET', P .. 'unfinished') or '0')
if n <= 0 then return {1} end
n = redis.call('DECR', P .. 'unfinished')
if n == 0 then
  redis.call('DEL', P .. 'unfinished:zero')
  redis.call('RPUSH', P .. 'unfinished:zero', '1')
end
redis.call('DEL', rec, P .. 'got:' .. h)
redis.call('HSET', rec, 'seq', seq, 'op', 'done')
return {0}
