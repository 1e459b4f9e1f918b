-- One token bucket, taken from atomically.
-- KEYS[1] the bucket; ARGV[1] refill rate in tokens per second; ARGV[2] burst (capacity, >= 1);
-- ARGV[3] how many tokens to take at most (a gateway's lease; default 1).
-- Returns {allowed (1|0), whole tokens left, ms until the next token (0 when allowed), ms until full,
-- tokens taken (at least 1 when allowed)}.
-- The clock is Redis' TIME, so gateways with skewed clocks share one notion of now.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3]) or 1
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])   -- microseconds; < 2^53, exact in a Lua double

local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
elseif now > at then
  -- a clock that went back (failover to a replica) refills nothing rather than going negative
  tokens = math.min(burst, tokens + (now - at) * rate / 1000000)
  at = now
end

if tokens < 1 then
  -- refused: nothing to write, the stored state already yields these numbers next time
  return {0, 0, math.ceil((1 - tokens) * 1000 / rate), math.ceil((burst - tokens) * 1000 / rate), 0}
end

local taken = math.min(want, math.floor(tokens))
tokens = tokens - taken
local untilFull = math.ceil((burst - tokens) * 1000 / rate)
-- %.17g and %.0f, not tostring: its %.14g would round the microsecond clock
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.0f', at))
-- an idle bucket is full again after untilFull: then it carries no information and may vanish
redis.call('PEXPIRE', KEYS[1], untilFull + 1000)
return {1, math.floor(tokens), 0, untilFull, taken}
