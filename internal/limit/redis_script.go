package limit

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// loadScripts loads the scripts into Redis (one round trip), so that even
// the first check is one EVALSHA; a Redis that restarted empty gets them
// back by EVAL on its first NOSCRIPT.
func (r *Redis) loadScripts(ctx context.Context) {
	_, _ = r.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, s := range []string{windowSource, backoffSource, rateSource} {
			p.ScriptLoad(ctx, s) // not Script.Load: on a pipeline it would keep the empty reply as the hash
		}
		return nil
	})
}

// The scripts are Memory's states (memory_state.go) in Lua, one per kind of
// policy, each a single atomic round trip: KEYS[1] is the key; ARGV[1] the
// Op (0 Take, 1 Peek, 2 Hit), ARGV[2] the caller's now in Unix microseconds,
// then the policy's parameters (durations in microseconds). Each returns the
// wait in microseconds. A key's hash holds its kind (k), its counts and
// times, and when it becomes idle (i) under the policy it was last used
// with. A hash of another kind, or idle at now, is no state: a Peek reads
// it as none and the first Take or Hit replaces it (as Memory does). Numbers
// are written with %.17g (Lua's default keeps 14 digits). A key also
// expires, in Redis's own time, a second after its idle time in the
// caller's, so Redis drops what Memory's sweep would.

// scriptHead is shared by the three scripts.
const scriptHead = `
local key = KEYS[1]
local op, now = tonumber(ARGV[1]), tonumber(ARGV[2])
local TAKE, PEEK, HIT = 0, 1, 2
local function num(x) return string.format('%.17g', x) end
local function expire(us)
  redis.call('PEXPIRE', key, string.format('%d', math.ceil(math.max(us, 0) / 1000) + 1000))
end
`

// windowScript: ARGV[3] Max, ARGV[4] Span. Fields n (events), s (the
// window's start) and i (idle at: s + Span).
var windowScript = redis.NewScript(windowSource)

const windowSource = scriptHead + `
local max, span = tonumber(ARGV[3]), tonumber(ARGV[4])
local h = redis.call('HMGET', key, 'k', 'n', 's', 'i')
local fresh = h[1] ~= 'w' or now >= (tonumber(h[4]) or 0)
if fresh and op == PEEK then return 0 end
local n, start = 0, 0
if not fresh then
  n, start = tonumber(h[2]), tonumber(h[3])
  if start + span ~= tonumber(h[4]) then -- another span: idle from now on under it
    redis.call('HSET', key, 'i', num(start + span))
    expire(start + span - now)
  end
end
local function idle() return fresh or now - start >= span end
local function wait()
  if n < max or idle() then return 0 end
  return start + span - now
end
if op == PEEK then return wait() end
if op == TAKE then
  local w = wait()
  if w > 0 then return w end
end
if n == 0 or idle() then n, start = 0, now end
n = n + 1
if fresh then redis.call('DEL', key) end
fresh = false
redis.call('HSET', key, 'k', 'w', 'n', num(n), 's', num(start), 'i', num(start + span))
expire(start + span - now)
if op == TAKE then return 0 end
return wait()
`

// backoffScript: ARGV[3] Max, ARGV[4] Span, ARGV[5] First. Fields n
// (failures), f (the first one's time), u (locked until; at or before f
// when not locked) and i (idle at: more than Span after f, and not locked).
var backoffScript = redis.NewScript(backoffSource)

const backoffSource = scriptHead + `
local max, span, first = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local h = redis.call('HMGET', key, 'k', 'n', 'f', 'u', 'i')
local fresh = h[1] ~= 'b' or now >= (tonumber(h[5]) or 0)
if fresh and op == PEEK then return 0 end
local n, f, u = 0, now, now
local function idleAt() return math.max(f + span + 1, u) end
if not fresh then
  n, f, u = tonumber(h[2]), tonumber(h[3]), tonumber(h[4])
  if idleAt() ~= tonumber(h[5]) then -- another span: idle from now on under it
    redis.call('HSET', key, 'i', num(idleAt()))
    expire(idleAt() - now)
  end
end
local function wait()
  if now < u then return u - now end
  return 0
end
if op == PEEK then return wait() end
if op == TAKE then
  local w = wait()
  if w > 0 then return w end
end
if n == 0 or now - f > span then n, f, u = 0, now, now end
n = n + 1
if n >= max then
  local d, k = first, n - max
  while k > 0 and d > 0 and d < span do d, k = d * 2, k - 1 end
  u = now + math.min(d, span)
end
if fresh then redis.call('DEL', key) end
redis.call('HSET', key, 'k', 'b', 'n', num(n), 'f', num(f), 'u', num(u), 'i', num(idleAt()))
expire(idleAt() - now)
if op == TAKE then return 0 end
return wait()
`

// rateScript: ARGV[3] PerSecond (as Go formats it, compared as text),
// ARGV[4] Burst. Fields t (tokens at l), l (the last update), r and b (the
// rate and burst they were counted under) and i (idle at: when the bucket
// is full), as golang.org/x/time/rate's Limiter keeps them: a change of
// rate or burst first brings the tokens up to now under the old ones
// (SetLimitAt, SetBurstAt).
var rateScript = redis.NewScript(rateSource)

const rateSource = scriptHead + `
local rs, bs = ARGV[3], ARGV[4]
local h = redis.call('HMGET', key, 'k', 't', 'l', 'r', 'b', 'i')
local fresh = h[1] ~= 'r' or now >= (tonumber(h[6]) or 0)
if fresh and op == PEEK then return 0 end
local function tokens(t, l, r, b) return math.min(b, t + math.max(0, now - l) * r / 1e6) end
local r, b = tonumber(rs), math.max(1, tonumber(bs))
local t, l, dirty = b, now, fresh
if not fresh then
  t, l = tonumber(h[2]), tonumber(h[3])
  if h[4] ~= rs or h[5] ~= bs then
    t, l, dirty = tokens(t, l, tonumber(h[4]), math.max(1, tonumber(h[5]))), now, true
  end
end
local function wait()
  local short = 1 - tokens(t, l, r, b)
  if short <= 1e-9 then return 0 end
  return math.ceil(short / r * 1e6)
end
local w = wait()
if op == HIT or op == TAKE and w == 0 then
  t, l, dirty = tokens(t, l, r, b) - 1, now, true
  if op == HIT then w = wait() end
end
if dirty then
  local full = l + (b - t) / r * 1e6
  if fresh then redis.call('DEL', key) end
  redis.call('HSET', key, 'k', 'r', 't', num(t), 'l', num(l), 'r', rs, 'b', bs, 'i', num(full))
  expire(full - now)
end
return w
`
