-- jbilliard Redis queue protocol v1: refresh the leases of handles (about once a second).
-- KEYS[1] = jbq:{<id>}:meta
-- ARGV    = lease ms, idle ms, handle 1, handle 2, ...
-- returns {-1} no such queue | {s1, s2, ...}: per handle 0 = refreshed, 1 = the lease had lapsed
--   (or the handle was reaped): whatever it held was given back first, then it was leased anew.
--   Its replay record (rec:<h>, got:<h>) is kept: it holds nothing the queue counts.
local meta = KEYS[1]
local P = string.sub(meta, 1, -5)
if redis.call('EXISTS', meta) == 0 then return {-1} end
local lease, idle = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
for i = 3, #ARGV do
  local h = ARGV[i]
  local s = redis.call('ZSCORE', P .. 'handles', h)
  if s and tonumber(s) >= now then
    out[#out + 1] = 0
  else
    while redis.call('LMOVE', P .. 'proc:' .. h, P .. 'items', 'RIGHT', 'LEFT') do end
    while redis.call('LMOVE', P .. 'held:' .. h, P .. 'slots', 'RIGHT', 'LEFT') do end
    out[#out + 1] = 1
  end
  redis.call('ZADD', P .. 'handles', now + lease, h)
  for _, k in ipairs({'rec:', 'got:', 'proc:', 'held:'}) do redis.call('PEXPIRE', P .. k .. h, idle) end
end
for _, k in ipairs({'meta', 'items', 'slots', 'handles', 'unfinished', 'unfinished:zero'}) do
  redis.call('PEXPIRE', P .. k, idle)
end
return out
