package org.jbilliard.redis;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.launcher.JvmTaskProcess;
import org.jbilliard.launcher.WarmSpares;
import org.jbilliard.reference.codec.StandardCodec;

/**
 * The Redis {@link Context}, named {@code "redis"}: queues live on a Redis (or Valkey) server, so
 * processes on several machines can share them; task processes are child JVMs started by the
 * launcher shared with the reference implementation. {@code Context.load("redis")} finds it (configured from the
 * environment, see {@link RedisConfig#fromEnvironment()}); {@link #RedisContext(RedisConfig)} takes an
 * explicit configuration. The protocol on the server is in the package documentation.
 *
 * <p><b>Thread-safety.</b> Thread-safe; contexts with equal configurations share their connections.
 */
public final class RedisContext implements Context, AutoCloseable {

    /** The default {@link #maxItemBytes()}: 64 MiB. */
    public static final int DEFAULT_MAX_ITEM_BYTES = 64 << 20;

    private static final Set<Feature> FEATURES = Collections.unmodifiableSet(EnumSet.of(
            Feature.QSIZE, Feature.CROSS_PROCESS, Feature.SIGNALS, Feature.ATTACH_BY_ADDRESS,
            Feature.CRASH_SAFE, Feature.IMMEDIATE_VISIBILITY, Feature.ENCODE_AT_PUT));

    private final RedisConfig config;
    /** Warm spares of this context's children, or {@code null} (the default: every child starts cold). */
    private final WarmSpares spares;

    /**
     * Creates a context configured from the environment ({@value RedisConfig#URL_ENV},
     * {@value RedisConfig#USER_ENV}, {@value RedisConfig#PASSWORD_ENV}). Nothing is connected
     * before the first queue is made.
     *
     * @throws IllegalArgumentException if the environment holds a malformed URI
     */
    public RedisContext() {
        this(RedisConfig.fromEnvironment());
    }

    /**
     * Creates a context for a configured server.
     *
     * @param config the server and its settings
     */
    public RedisContext(RedisConfig config) {
        this(config, null);
    }

    private RedisContext(RedisConfig config, WarmSpares spares) {
        this.config = Objects.requireNonNull(config, "config");
        this.spares = spares;
    }

    /**
     * Returns a context like this one that keeps {@code count} spare child JVMs started and waiting,
     * so that {@link TaskProcess#start()} of a process with these {@code options} hands its task to a
     * JVM that is already running instead of booting one. Opt-in; which requests a spare serves and
     * how spares end is described at {@link WarmSpares}. Close the returned context to kill its spares;
     * they also end with this JVM, however it ends.
     *
     * @param count   how many spares to keep waiting, {@code >= 1}
     * @param options the options of the processes the spares serve (name and daemon flag play no part)
     * @return a new context with the same configuration, whose spares are starting
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public RedisContext withWarmSpares(int count, ProcessOptions options) {
        return new RedisContext(config, WarmSpares.start(count, options, RedisLaunchSupport.INSTANCE));
    }

    /**
     * Returns this context's warm spares, e.g. to wait until they are ready before a start whose
     * latency matters.
     *
     * @return the pool, or empty if this context was not made with {@link #withWarmSpares}
     */
    public Optional<WarmSpares> warmSpares() {
        return Optional.ofNullable(spares);
    }

    /** Kills this context's warm spares, if it has any; queues and connections are not affected. */
    @Override
    public void close() {
        if (spares != null) {
            spares.close();
        }
    }

    /** Returns the configuration. @return the configuration */
    public RedisConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public int maxItemBytes() {
        return DEFAULT_MAX_ITEM_BYTES;
    }

    /** Returns the reference implementation's {@link StandardCodec}, so both contexts encode alike. */
    @Override
    public Codec defaultCodec() {
        return new StandardCodec();
    }

    private Server server() {
        return Server.of(config);
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        return new RedisQueue<>(QueueCore.create(server(), QueueCore.Kind.QUEUE, maxsize, codec), maxItemBytes());
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return new RedisJoinableQueue<>(QueueCore.create(server(), QueueCore.Kind.JOINABLE, maxsize, codec),
                maxItemBytes());
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return new RedisSimpleQueue<>(QueueCore.create(server(), QueueCore.Kind.SIMPLE, 0, codec), maxItemBytes());
    }

    private QueueCore attach(String address, QueueCore.Kind kind, Codec codec) {
        QueueAddress a = QueueAddress.parse(address);
        return QueueCore.attach(Server.of(config.withEndpoint(a.endpoint)), a, kind, codec);
    }

    private QueueCore attach(String address, QueueCore.Kind kind) {
        return attach(address, kind, null);
    }

    /**
     * Attaches to a queue with a codec of the caller's choice, e.g. {@code PickleCodec}, which attaching
     * without one does not find (unpickling stays opt-in).
     *
     * @param address the queue's address
     * @param codec   the codec; its id ({@link Codec#id()}, else {@code java:<class>}) must be the queue's
     * @param <T>     the item type
     * @return the queue
     * @throws IllegalArgumentException if there is no such queue, it is of another kind, or it records
     *                                  another codec (the message names both); nothing stays attached
     */
    public <T> Queue<T> attachQueue(String address, Codec codec) {
        return new RedisQueue<>(attach(address, QueueCore.Kind.QUEUE, java.util.Objects.requireNonNull(codec, "codec")),
                maxItemBytes());
    }

    /**
     * Attaches to a joinable queue with a codec of the caller's choice, as {@link #attachQueue(String, Codec)}.
     *
     * @param address the queue's address
     * @param codec   the codec
     * @param <T>     the item type
     * @return the queue
     * @throws IllegalArgumentException as {@link #attachQueue(String, Codec)}
     */
    public <T> JoinableQueue<T> attachJoinableQueue(String address, Codec codec) {
        return new RedisJoinableQueue<>(attach(address, QueueCore.Kind.JOINABLE,
                java.util.Objects.requireNonNull(codec, "codec")), maxItemBytes());
    }

    /**
     * Attaches to a simple queue with a codec of the caller's choice, as {@link #attachQueue(String, Codec)}.
     *
     * @param address the queue's address
     * @param codec   the codec
     * @param <T>     the item type
     * @return the queue
     * @throws IllegalArgumentException as {@link #attachQueue(String, Codec)}
     */
    public <T> SimpleQueue<T> attachSimpleQueue(String address, Codec codec) {
        return new RedisSimpleQueue<>(attach(address, QueueCore.Kind.SIMPLE,
                java.util.Objects.requireNonNull(codec, "codec")), maxItemBytes());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The address names its server; this context's credentials and timeouts are used for it.
     */
    @Override
    public <T> Queue<T> attachQueue(String address) {
        return new RedisQueue<>(attach(address, QueueCore.Kind.QUEUE), maxItemBytes());
    }

    @Override
    public <T> JoinableQueue<T> attachJoinableQueue(String address) {
        return new RedisJoinableQueue<>(attach(address, QueueCore.Kind.JOINABLE), maxItemBytes());
    }

    @Override
    public <T> SimpleQueue<T> attachSimpleQueue(String address) {
        return new RedisSimpleQueue<>(attach(address, QueueCore.Kind.SIMPLE), maxItemBytes());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Started by the launcher the reference implementation uses too ({@link JvmTaskProcess}); the
     * queue handles the task captured attach in the child, and the parent holds handles of its own on
     * them until the child exits ({@link RedisLaunchSupport}).
     *
     * @throws IllegalArgumentException if the task cannot be serialized; the message names the class
     */
    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return JvmTaskProcess.create(task, options, RedisLaunchSupport.INSTANCE, spares);
    }

    @Override
    public String toString() {
        return "RedisContext[" + config.uri() + "]";
    }
}
