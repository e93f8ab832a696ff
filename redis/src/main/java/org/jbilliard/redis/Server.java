package org.jbilliard.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.Pool;

/**
 * One Redis server as this JVM reaches it: a Jedis {@link RedisClient}'s connection pool, the
 * protocol scripts, and the {@link LeaseKeeper} of every handle on it. Shared by all contexts of the
 * JVM with the same endpoint and credentials; lives as long as the JVM.
 *
 * <p>Every command runs on a connection borrowed for that command alone, with a socket timeout
 * derived from the caller's deadline, so that a server that stopped answering (SIGSTOP, a
 * partition) cannot hold a bounded call past its deadline by more than {@link #MIN_TIMEOUT_MS} or
 * the reconnect's handshake timeout. A connection that failed is discarded; the next attempt opens
 * a new one: reconnecting needs nothing from the caller.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 */
final class Server {

    /** The shortest socket timeout of a command, so that a busy but healthy server is not taken for dead. */
    static final int MIN_TIMEOUT_MS = 250;
    /** Socket timeout of a new connection's handshake (AUTH, SELECT). */
    private static final int HANDSHAKE_TIMEOUT_MS = 500;
    private static final long RETRY_PAUSE_NANOS = 50_000_000L;

    private static final ConcurrentHashMap<RedisConfig, Server> SERVERS = new ConcurrentHashMap<>();

    final RedisConfig config;
    final LeaseKeeper leases;
    private final RedisClient client;
    private final Pool<Connection> pool;

    private Server(RedisConfig config) {
        this.config = config;
        RedisConfig.Endpoint e = config.endpoint();
        DefaultJedisClientConfig.Builder cc = DefaultJedisClientConfig.builder()
                .resp2()
                .database(e.database())
                .connectionTimeoutMillis(millis(config.connectTimeout()))
                .socketTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
                .clientName("jbilliard")
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (e.tls() && config.trustedCertificates().isPresent()) {
            // Exactly the configured authorities, and the server's name checked in the handshake.
            byte[] store = Tls.trustStore(config.trustedCertificates().get());
            cc.sslOptions(SslOptions.builder().trustStoreType("PKCS12")
                    .truststore(() -> new java.io.ByteArrayInputStream(store), Tls.STORE_PASSWORD.clone())
                    .sslVerifyMode(SslVerifyMode.FULL).build());
        } else if (e.tls()) {
            // The JVM's trust store (javax.net.ssl.trustStore) and full verification of the server's name.
            cc.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        if (config.password() != null) {
            cc.user(config.user()).password(config.password());
        }
        GenericObjectPoolConfig<Connection> pc = new GenericObjectPoolConfig<>();
        // Every blocked caller holds a connection for its BLMOVE slice.
        pc.setMaxTotal(512);
        pc.setMaxIdle(64);
        pc.setMinIdle(0);
        pc.setMaxWait(config.operationTimeout());
        pc.setTestOnBorrow(false);
        pc.setTestWhileIdle(false);
        pc.setJmxEnabled(false);
        this.client = RedisClient.builder().hostAndPort(e.host(), e.port()).clientConfig(cc.build()).poolConfig(pc).build();
        this.pool = client.getPool();
        this.leases = new LeaseKeeper(this);
    }

    /** The server of {@code config}, shared per JVM. */
    static Server of(RedisConfig config) {
        return SERVERS.computeIfAbsent(config, Server::new);
    }

    String uri() {
        return config.uri();
    }

    /** A deadline {@code nanos} from now, or the operation timeout for {@code nanos < 0}. */
    long deadlineIn(long nanos) {
        return System.nanoTime() + (nanos < 0 ? config.operationTimeout().toNanos() : nanos);
    }

    /**
     * Runs a protocol script, reconnecting and retrying until {@code deadline} (a {@link System#nanoTime()}
     * value). Retrying is safe: every mutating script is idempotent for the same (handle, seq).
     *
     * @return the script's reply: a list whose first element is the status code
     * @throws ServerUnavailableException if no attempt succeeded before the deadline
     */
    List<Object> script(Script script, String metaKey, long deadline, Object... args) {
        try {
            return scriptUntil(script, metaKey, deadline, false, args);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible call was interrupted", e);
        }
    }

    /**
     * As {@link #script}, but gives up when interrupted; with {@code deadline == Long.MAX_VALUE} it
     * retries until the server answers.
     */
    List<Object> scriptInterruptibly(Script script, String metaKey, long deadline, Object... args)
            throws InterruptedException {
        return scriptUntil(script, metaKey, deadline, true, args);
    }

    @SuppressWarnings("unchecked")
    private List<Object> scriptUntil(Script script, String metaKey, long deadline, boolean interruptible, Object... args)
            throws InterruptedException {
        Object reply = command(deadline, interruptible, 0, c -> {
            CommandArguments a = new CommandArguments(Protocol.Command.EVALSHA).add(script.sha).add(1).key(metaKey);
            for (Object arg : args) {
                a.add(arg);
            }
            try {
                return c.executeCommand(a);
            } catch (JedisNoScriptException e) {
                c.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("LOAD").add(script.source));
                return c.executeCommand(a);
            }
        });
        if (!(reply instanceof List)) {
            throw new IllegalStateException("protocol script " + script.file + " replied " + reply + " on " + uri());
        }
        return (List<Object>) reply;
    }

    /**
     * Runs {@code get.lua} and reads the item it took: {@code MULTI; EVALSHA get.lua; LINDEX got 0; EXEC}
     * in one round trip, so that the item reaches this client straight from the list it was stored
     * in, never as a Lua string (see {@code get.lua}). Retried as {@link #script} is.
     *
     * @param got the handle's {@code got:<h>} key
     * @return the script's reply, with the item as its second element when the status is 0
     * @throws ServerUnavailableException if no attempt succeeded before the deadline
     */
    List<Object> take(String metaKey, String got, long deadline, boolean interruptible, Object... args)
            throws InterruptedException {
        Object reply = command(deadline, interruptible, 0, c -> {
            for (int attempt = 0; ; attempt++) {
                CommandArguments eval = new CommandArguments(Protocol.Command.EVALSHA).add(Script.GET.sha).add(1)
                        .key(metaKey);
                for (Object arg : args) {
                    eval.add(arg);
                }
                c.sendCommand(new CommandArguments(Protocol.Command.MULTI));
                c.sendCommand(eval);
                c.sendCommand(new CommandArguments(Protocol.Command.LINDEX).key(got).add(0));
                c.sendCommand(new CommandArguments(Protocol.Command.EXEC));
                List<Object> replies = c.getMany(4);
                Object exec = replies.get(3);
                Object status = exec instanceof List<?> l && !l.isEmpty() ? l.get(0) : exec;
                JedisDataException error = firstError(replies, status);
                if (error == null) {
                    List<?> results = (List<?>) exec;
                    List<Object> out = new ArrayList<>((List<?>) status);
                    if (out.size() == 1 && Long.valueOf(0).equals(out.get(0))) {
                        out.add(results.get(1));
                    }
                    return out;
                }
                if (String.valueOf(error.getMessage()).startsWith("NOSCRIPT") && attempt == 0) {
                    // the server restarted (or flushed its scripts) since this JVM last ran one
                    c.executeCommand(new CommandArguments(Protocol.Command.SCRIPT).add("LOAD").add(Script.GET.source));
                    continue;
                }
                throw error;
            }
        });
        if (!(reply instanceof List)) {
            throw new IllegalStateException("protocol script " + Script.GET.file + " replied " + reply + " on " + uri());
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) reply;
        return list;
    }

    /** The first error among a transaction's replies (a queued command's, EXEC's or the script's). */
    private static JedisDataException firstError(List<Object> replies, Object status) {
        for (Object r : replies) {
            if (r instanceof JedisDataException e) {
                return e;
            }
        }
        return status instanceof JedisDataException e ? e : status instanceof List ? null
                : new JedisDataException("unexpected reply to get.lua: " + status);
    }

    /** {@code LLEN key}, retried until the deadline. */
    long llen(String key, long deadline) {
        try {
            return (Long) command(deadline, false, 0, c -> c.executeCommand(new CommandArguments(Protocol.Command.LLEN).key(key)));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code GET key} as a long (0 when absent), retried until the deadline. */
    long getLong(String key, long deadline, boolean interruptible) throws InterruptedException {
        Object v = command(deadline, interruptible, 0, c -> c.executeCommand(new CommandArguments(Protocol.Command.GET).key(key)));
        return v == null ? 0 : Long.parseLong(new String((byte[]) v, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * One {@code BLMOVE source destination LEFT|RIGHT LEFT slice} attempt: waits at most {@code sliceMillis}
     * on the server. Connection failures are retried until {@code deadline}.
     *
     * @return whether an element was moved
     */
    boolean blmove(String source, String destination, String from, String to, long sliceMillis, long deadline,
                   boolean interruptible) throws InterruptedException {
        long slice = Math.max(10, sliceMillis);
        Object r = command(deadline, interruptible, slice, c -> c.executeCommand(
                // NOTE: built by hand, not with Jedis's blmove(): Jedis marks its own blocking commands and
                // waits for them without a socket timeout, which a stopped server would turn into a hang.
                new CommandArguments(Protocol.Command.BLMOVE).key(source).key(destination).add(from).add(to)
                        .add(String.format(java.util.Locale.ROOT, "%.3f", slice / 1000.0))));
        return r != null;
    }

    /** A unit of work on one borrowed connection. */
    private interface Work {
        Object on(Connection c);
    }

    private Object command(long deadline, boolean interruptible, long extraMillis, Work work) throws InterruptedException {
        JedisConnectionException last = null;
        while (true) {
            if (interruptible && Thread.interrupted()) {
                throw new InterruptedException();
            }
            long remaining = deadline - System.nanoTime();
            if (last != null && remaining <= 0) {
                throw new ServerUnavailableException("the Redis server " + uri() + " did not answer in time: "
                        + last.getMessage(), last);
            }
            long budget = deadline == Long.MAX_VALUE ? millis(config.operationTimeout()) : remaining / 1_000_000L;
            int timeout = (int) Math.min(Integer.MAX_VALUE,
                    Math.max(MIN_TIMEOUT_MS, Math.min(budget, millis(config.operationTimeout()))) + extraMillis);
            Connection c = null;
            try {
                c = pool.getResource();
                c.setSoTimeout(timeout);
                return work.on(c);
            } catch (JedisConnectionException e) {
                if (c != null) {
                    c.setBroken();
                }
                refuseTls(e);
                last = e;
            } catch (JedisDataException e) {
                if (transientRefusal(e)) {
                    // The server is up but cannot serve yet (loading its data after a restart, a
                    // failover under way): an outage like any other for the caller.
                    last = new JedisConnectionException(e.getMessage(), e);
                    closeQuietly(c);
                    c = null;
                    pause(deadline);
                    continue;
                }
                throw new IllegalStateException("the Redis server " + uri() + " refused a jbilliard command: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                refuseTls(e);
                if (e.getCause() instanceof JedisConnectionException || e instanceof java.util.NoSuchElementException) {
                    // the pool could not open a connection (server down) or had none free in time
                    last = new JedisConnectionException(e.getMessage(), e);
                } else {
                    throw e;
                }
            } finally {
                if (c != null) {
                    closeQuietly(c);
                }
            }
            pause(deadline);
        }
    }

    /**
     * A refused TLS handshake is no outage that retrying could end: it is reported at once, naming
     * the server and the trust in use.
     */
    private void refuseTls(RuntimeException e) {
        javax.net.ssl.SSLException tls = Tls.handshakeFailure(e);
        if (tls != null) {
            throw new IllegalStateException("the TLS handshake with " + uri() + " failed: " + tls.getMessage()
                    + " (trusted: " + config.trustedCertificates().map(p -> "the certificates of " + p)
                    .orElse("the JVM's trust store") + "; see RedisConfig.Builder.trustedCertificates)", e);
        }
    }

    private static void pause(long deadline) {
        long pause = Math.min(RETRY_PAUSE_NANOS, Math.max(0, deadline - System.nanoTime()));
        if (pause > 0) {
            LockSupport.parkNanos(pause);
        }
    }

    /** Error replies of a server that is up but cannot serve for a while. */
    private static boolean transientRefusal(JedisDataException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("MASTERDOWN")
                || m.startsWith("TRYAGAIN") || m.startsWith("CLUSTERDOWN") || m.startsWith("READONLY");
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            // Returning a broken connection destroys it; a socket that is already dead may complain.
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /** Every server of this JVM, for the shutdown hook. */
    static List<Server> all() {
        return new ArrayList<>(SERVERS.values());
    }

    @Override
    public String toString() {
        return "Server[" + uri() + "]";
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(config);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }
}
