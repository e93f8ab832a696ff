-- jbilliard Redis queue protocol v1: create a queue and lease its first handle.
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = handle, kind ("queue"|"joinable"|"simple"), maxsize (0 = unbounded), codec id,
--           lease ms, idle ms, owner (free text, e.g. ACL user@host:pid)
-- returns {0} created | {-4} a queue with this id exists
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
local h, kind, maxsize, codec = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local lease, idle = tonumber(ARGV[5]), tonumber(ARGV[6])
if redis.call('EXISTS', meta) == 1 then return {-4} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local materialized = 0
if maxsize > 0 then
  -- Tokens are materialized lazily beyond the first 1024: meta.spare counts the rest.
  materialized = math.min(maxsize, 1024)
  local chunk = {}
  for i = 1, materialized do
    chunk[#chunk + 1] = '1'
    if #chunk == 256 then redis.call('RPUSH', P .. 'slots', unpack(chunk)); chunk = {} end
  end
  if #chunk > 0 then redis.call('RPUSH', P .. 'slots', unpack(chunk)) end
end
redis.call('HSET', meta, 'v', '1', 'kind', kind, 'maxsize', maxsize, 'codec', codec,
  'created', now, 'spare', maxsize - materialized, 'owner', ARGV[7])
if kind == 'joinable' then
  redis.call('SET', P .. 'unfinished', 0)
  redis.call('RPUSH', P .. 'unfinished:zero', '1')
end
redis.call('ZADD', P .. 'handles', now + lease, h)
for _, k in ipairs({'meta', 'items', 'slots', 'handles', 'unfinished', 'unfinished:zero'}) do
  redis.call('PEXPIRE', P .. k, idle)
end
return {0}
