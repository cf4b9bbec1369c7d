"""Django's Redis cache with counters that several app servers can share safely.

Django's `RedisCache.incr` asks whether the key exists, then increments it: a key that expires in between is
made again by INCR from nothing, without an expiry (a rate-limit counter that never goes away). Here both
steps are one Lua script, which Redis runs atomically.

`advance(key)` moves a counter on to the larger of its value + 1 and the Redis server's clock in microseconds,
atomically. The page cache's generation (core/pagecache.py) is such a counter: every app server reads one
clock (Redis's), so a generation made again after the key was evicted, or after Redis restarted empty, is
later than any generation pages were stored under — it never goes back, and no stale page is served.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

# KEYS[1]: the key; ARGV[1]: the step. nil when the key is missing (nothing is created).
INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""

# KEYS[1]: the counter. Its new value: max(value + 1, now in µs), kept without expiry. Lua's numbers are
# doubles, so the clock is written out as a string and the + 1 is Redis's own 64-bit INCR.
ADVANCE = """
local now = redis.call('TIME')
local clock = now[1] .. string.format('%06d', tonumber(now[2]))
local value = tonumber(redis.call('GET', KEYS[1]) or '')
if value and value >= tonumber(clock) then
  return redis.call('INCR', KEYS[1])
end
redis.call('SET', KEYS[1], clock)
return tonumber(clock)
"""


class RedisCache(DjangoRedisCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        value = client.eval(INCR_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def advance(self, key, version=None) -> int:
        """Move the counter at `key` on (never back, even from nothing) and return its new value."""
        key = self.make_and_validate_key(key, version=version)
        return int(self._cache.get_client(key, write=True).eval(ADVANCE, 1, key))
