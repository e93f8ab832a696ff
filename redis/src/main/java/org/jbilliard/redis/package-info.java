/**
 * A {@link org.jbilliard.Context} on a Redis (or Valkey) server: {@link org.jbilliard.redis.RedisContext}.
 * Queues live on the server and are shared by every process, on any machine, that reaches it; task
 * processes are child JVMs started by the launcher shared with the reference implementation. The
 * protocol below is language-neutral: its scripts are resources of this package ({@code org/jbilliard/redis/lua/}) that
 * every client runs unchanged; {@code redis/PROTOCOL.md} gives the same description for other
 * languages.
 *
 * <h2>Addresses and credentials</h2>
 * {@code redis://host:port/db#jbq=<id>} ({@code rediss://} for TLS). An address never holds
 * credentials: they come from {@link org.jbilliard.redis.RedisConfig} or the environment
 * ({@code JBILLIARD_REDIS_USER}, {@code JBILLIARD_REDIS_PASSWORD}), are never logged or put in a
 * message, and reach a task process inside its serialized task, on its standard input.
 *
 * <h2>Key layout of one queue</h2>
 * All keys share the hash tag {@code {<id>}}, so a queue is one Redis Cluster slot.
 * <pre>
 *  jbq:{id}:meta        HASH    v=1 kind maxsize codec created spare owner
 *  jbq:{id}:items       LIST    head [ i1 i2 i3 ... ] tail      put: RPUSH   get: LPOP / BLMOVE LEFT
 *  jbq:{id}:slots       LIST    [ 1 1 1 ]  one token per free slot (bounded; beyond 1024: meta.spare)
 *  jbq:{id}:held:&lt;h&gt;    LIST    the token a blocked put of handle h took with BLMOVE, until put.lua
 *  jbq:{id}:proc:&lt;h&gt;    LIST    the item a blocked get of handle h took with BLMOVE, until get.lua
 *  jbq:{id}:rec:&lt;h&gt;     HASH    seq op: h's last operation, replayed for the same (h, seq)
 *  jbq:{id}:got:&lt;h&gt;     LIST    the item h's last get.lua took, read in the same MULTI, kept for replay
 *  jbq:{id}:handles     ZSET    h -&gt; lease deadline, server milliseconds (TIME)
 *  jbq:{id}:unfinished  STRING  joinable: unfinished tasks
 *  jbq:{id}:unfinished:zero LIST one element exactly while unfinished == 0 (join waiters rotate it)
 * </pre>
 *
 * <h2>Invariant of a bounded queue</h2>
 * Every slot is in exactly one place, at every instant between two scripts:
 * <pre>
 *        free                 queued           caught mid-operation
 *  +-----------------+   +-------------+   +----------------------------+
 *  | LLEN slots      |   | LLEN items  |   | Σ LLEN held:h  (putters)   |
 *  | + meta.spare    | + |             | + | Σ LLEN proc:h  (getters)   |  =  maxsize
 *  +-----------------+   +-------------+   +----------------------------+
 *     put.lua: token -&gt; item      get.lua: item -&gt; token     reaper: held -&gt; slots, proc -&gt; head of items
 * </pre>
 * An item in {@code got:<h>} was taken already (its token is back); it is kept only to replay a
 * lost reply.
 *
 * <h2>Operations</h2>
 * Each mutation is one script ({@code KEYS[1]} = the meta key, status code first in the reply): a
 * script runs whole or not at all, so no torn item and no half-done operation exist.
 * <pre>
 *  create.lua  attach.lua  lease.lua  reap.lua  put.lua  get.lua  task_done.lua  close.lua
 *
 *  put(x):   put.lua(h, seq, bytes) --0--&gt; done
 *               |1 (full)
 *               +--&gt; BLMOVE slots held:h (slice &lt;= 100 ms) --&gt; put.lua again (uses held:h first)
 *  get():    MULTI get.lua(h, seq) LINDEX got:h 0 EXEC --0--&gt; item (never a Lua string: see get.lua)
 *               |1 (empty)
 *               +--&gt; BLMOVE items proc:h (slice)           --&gt; get.lua again (takes proc:h first)
 *  join():   GET unfinished &gt; 0 --&gt; BLMOVE unfinished:zero unfinished:zero RIGHT LEFT (slice), again
 * </pre>
 * Between slices a blocked caller checks its deadline, its interrupt status and whether the handle
 * was closed. Sockets never wait without a timeout: each command's timeout follows the caller's
 * deadline, so a server that stopped answering cannot hold a bounded call.
 *
 * <h2>Handles, leases, fencing, replay</h2>
 * A protocol handle is one sequential actor ({@link org.jbilliard.redis.Lane}); a Java queue object
 * owns one per concurrent caller. Every JVM refreshes its handles' leases once per
 * {@link org.jbilliard.redis.RedisConfig#leaseRefresh()} (1 s) for
 * {@link org.jbilliard.redis.RedisConfig#leaseTime()} (3 s) on the server's clock, and runs
 * {@code reap.lua}, which gives back what handles with a lapsed lease held: their {@code proc} item
 * to the head of {@code items}, their {@code held} token to {@code slots}. {@code put.lua} and
 * {@code get.lua} are fenced: they refuse a lapsed handle ({@code -2}), whose owner must first run
 * {@code lease.lua}, which gives back what it held before leasing it anew — so a process that was only
 * slow cannot deliver an item that was already given back. Each call carries a sequence number; a
 * call retried after a lost connection reuses it, and the script replays ({@code rec:<h>}) instead of
 * acting twice.
 *
 * <h2>Thread-safety</h2>
 * Public types are thread-safe or immutable, as each says; {@link org.jbilliard.redis.Lane} is
 * confined to the thread that borrowed it.
 */
package org.jbilliard.redis;
