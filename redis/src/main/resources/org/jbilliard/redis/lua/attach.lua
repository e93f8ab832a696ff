-- jbilliard Redis queue protocol v1: lease a new handle on an existing queue.
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = handle, expected kind, lease ms
-- returns {0, maxsize, codec id} | {-1} no such queue | {-3, actual kind} | {-5, version}
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
local h, kind, lease = ARGV[1], ARGV[2], tonumber(ARGV[3])
local m = redis.call('HMGET', meta, 'v', 'kind', 'maxsize', 'codec')
if not m[1] then return {-1} end
if m[1] ~= '1' then return {-5, m[1]} end
if m[2] ~= kind then return {-3, m[2]} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', P .. 'handles', now + lease, h)
return {0, tonumber(m[3]), m[4]}
