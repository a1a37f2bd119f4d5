package io.sockudo.store.webhook;

/**
 * The Lua scripts that move webhook batches between the Redis queue's keys, each in one atomic
 * step. Every key is {@code ARGV[1]} (the prefix, with the hash tag {@code {webhooks}}) plus a
 * name, so in a Redis Cluster all of them live in one slot; {@code KEYS[1]} is one of them, for
 * routing.
 *
 * <pre>
 * pending:{app}            the app's waiting batches, newest on the left
 * ready                    apps with waiting batches (sorted set, in the order they became ready)
 * count, seq               batches waiting in all; a counter for the order of {@code ready}
 * owner:{app}              the worker delivering the app's batches now (no expiry of its own)
 * processing:{worker}:{app} the batches of the app that worker took and has not finished
 * held:{worker}            the apps that worker owns
 * lease:{worker}, workers  a worker's lease (expires unless renewed); every worker seen
 * </pre>
 *
 * <p>An app has at most one owner, and only its owner takes the app's batches, oldest first. The
 * owner gives the app up once it has finished every batch of the app it took. An owner whose
 * lease has expired is dead: its unfinished batches of the app go back in front of the app's
 * waiting ones, in their order, in the same step that lets another worker take the app.
 */
final class RedisQueueScripts {

    private RedisQueueScripts() {
    }

    /** {@code reclaim(w, app)}: a dead or leaving worker's batches of an app back in front, its ownership ended. */
    private static final String RECLAIM = """
            local p = ARGV[1]
            local function reclaim(w, app)
              local n = 0
              while redis.call('LMOVE', p .. 'processing:' .. w .. ':' .. app, p .. 'pending:' .. app, 'LEFT', 'RIGHT') do
                n = n + 1
              end
              if n > 0 then
                redis.call('INCRBY', p .. 'count', n)
                redis.call('ZADD', p .. 'ready', 0, app)
              end
              if redis.call('GET', p .. 'owner:' .. app) == w then
                redis.call('DEL', p .. 'owner:' .. app)
              end
              redis.call('SREM', p .. 'held:' .. w, app)
              return n
            end
            """;

    /** ARGV: prefix, app, stored batch, capacity. 1 when queued, 0 when full. */
    static final String OFFER = """
            local p = ARGV[1]
            if tonumber(redis.call('GET', p .. 'count') or '0') >= tonumber(ARGV[4]) then return 0 end
            redis.call('LPUSH', p .. 'pending:' .. ARGV[2], ARGV[3])
            redis.call('INCR', p .. 'count')
            if not redis.call('ZSCORE', p .. 'ready', ARGV[2]) then
              redis.call('ZADD', p .. 'ready', redis.call('INCR', p .. 'seq'), ARGV[2])
            end
            return 1
            """;

    /**
     * ARGV: prefix, worker, how many ready apps to look at. The oldest waiting batch of the first
     * ready app this worker may deliver, as {@code {app, batch}}, now in its processing list;
     * nil when there is none. An app owned by a dead worker is reclaimed on the way.
     */
    static final String TAKE = RECLAIM + """
            local me = ARGV[2]
            for _, app in ipairs(redis.call('ZRANGE', p .. 'ready', 0, tonumber(ARGV[3]) - 1)) do
              local owner = redis.call('GET', p .. 'owner:' .. app)
              if owner and owner ~= me and redis.call('EXISTS', p .. 'lease:' .. owner) == 0 then
                reclaim(owner, app)
                owner = false
              end
              if not owner or owner == me then
                local batch = redis.call('LMOVE', p .. 'pending:' .. app, p .. 'processing:' .. me .. ':' .. app, 'RIGHT', 'LEFT')
                if batch then
                  redis.call('SET', p .. 'owner:' .. app, me)
                  redis.call('SADD', p .. 'held:' .. me, app)
                  redis.call('DECR', p .. 'count')
                  if redis.call('LLEN', p .. 'pending:' .. app) == 0 then
                    redis.call('ZREM', p .. 'ready', app)
                  else
                    -- to the back of the line, so one busy app does not hold up the others
                    redis.call('ZADD', p .. 'ready', redis.call('INCR', p .. 'seq'), app)
                  end
                  return {app, batch}
                end
                redis.call('ZREM', p .. 'ready', app)
              end
            end
            return false
            """;

    /**
     * ARGV: prefix, worker, app, stored batch, "1" to put the batch back in front of the app's
     * waiting ones (else it is finished with). The worker gives the app up when it has nothing
     * of it left in hand.
     */
    static final String FINISH = """
            local p, me, app = ARGV[1], ARGV[2], ARGV[3]
            local list = p .. 'processing:' .. me .. ':' .. app
            if redis.call('LREM', list, 1, ARGV[4]) > 0 and ARGV[5] == '1' then
              redis.call('RPUSH', p .. 'pending:' .. app, ARGV[4])
              redis.call('INCR', p .. 'count')
              redis.call('ZADD', p .. 'ready', 0, app)
            end
            if redis.call('LLEN', list) == 0 then
              if redis.call('GET', p .. 'owner:' .. app) == me then
                redis.call('DEL', p .. 'owner:' .. app)
              end
              redis.call('SREM', p .. 'held:' .. me, app)
            end
            return 1
            """;

    /**
     * ARGV: prefix, worker. When the worker's lease has ended: every batch it held goes back in
     * front of its app's waiting ones, and the worker is forgotten; answers how many moved, or
     * -1 while the lease lasts.
     */
    static final String RELEASE_WORKER = RECLAIM + """
            local w = ARGV[2]
            if redis.call('EXISTS', p .. 'lease:' .. w) == 1 then return -1 end
            local n = 0
            for _, app in ipairs(redis.call('SMEMBERS', p .. 'held:' .. w)) do
              n = n + reclaim(w, app)
            end
            redis.call('DEL', p .. 'held:' .. w)
            redis.call('SREM', p .. 'workers', w)
            return n
            """;
}
