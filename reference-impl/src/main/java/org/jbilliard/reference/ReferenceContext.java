package org.jbilliard.reference;

import java.util.Collections;
import java.util.EnumSet;
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
import org.jbilliard.launcher.StaleFiles;
import org.jbilliard.launcher.WarmSpares;
import org.jbilliard.reference.codec.StandardCodec;
import org.jbilliard.reference.process.ReferenceLaunchSupport;
import org.jbilliard.reference.queue.PipeQueues;

/**
 * The reference {@link Context}, named {@code "reference"}: queues on named pipes with a shared
 * control block ({@link PipeQueues}), and tasks run in child JVMs started by the shared launcher ({@link JvmTaskProcess}).
 * Registered for {@link java.util.ServiceLoader}, so {@link Context#load()} finds it.
 *
 * <p>Creating the first instance in a JVM removes what crashed processes of the same user left
 * behind (queue directories, child result directories); later instances do not repeat it.
 *
 * <p><b>Thread-safety.</b> Thread-safe, and stateless unless made with {@link #withWarmSpares}; any
 * number of instances may coexist and share the queues they create. Methods block only where the queue and process types document it.
 */
public final class ReferenceContext implements Context, AutoCloseable {

    private static final Set<Feature> FEATURES = Collections.unmodifiableSet(EnumSet.of(
            Feature.QSIZE, Feature.CROSS_PROCESS, Feature.SIGNALS, Feature.ATTACH_BY_ADDRESS,
            Feature.CRASH_SAFE, Feature.IMMEDIATE_VISIBILITY, Feature.ENCODE_AT_PUT));

    private static final Object STALE_LOCK = new Object();
    private static boolean staleRemoved;

    /** Warm spares of this context's children, or {@code null} (the default: every child starts cold). */
    private final WarmSpares spares;

    /** Creates the context; the first one in a JVM removes stale files of dead processes. */
    public ReferenceContext() {
        this(null);
    }

    private ReferenceContext(WarmSpares spares) {
        this.spares = spares;
        synchronized (STALE_LOCK) {
            if (!staleRemoved) {
                staleRemoved = true;
                PipeQueues.removeStale();
                StaleFiles.remove();
            }
        }
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public int maxItemBytes() {
        return PipeQueues.maxItemBytes();
    }

    @Override
    public Codec defaultCodec() {
        return new StandardCodec();
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        return PipeQueues.create(maxsize, codec);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return PipeQueues.createJoinable(maxsize, codec);
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return PipeQueues.createSimple(codec);
    }

    @Override
    public <T> Queue<T> attachQueue(String address) {
        return PipeQueues.attach(address);
    }

    @Override
    public <T> JoinableQueue<T> attachJoinableQueue(String address) {
        return PipeQueues.attachJoinable(address);
    }

    @Override
    public <T> SimpleQueue<T> attachSimpleQueue(String address) {
        return PipeQueues.attachSimple(address);
    }

    /**
     * Creates an unstarted child-JVM process for {@code task}, as {@link Context#process} describes.
     *
     * @param task    the task; it and everything it captures must be serializable
     * @param options name, daemon flag, output handling, extra JVM options
     * @return the unstarted process
     * @throws IllegalArgumentException if the task cannot be serialized; the message names the class
     */
    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return JvmTaskProcess.create(task, options, ReferenceLaunchSupport.INSTANCE, spares);
    }

    /**
     * Returns a context like this one that keeps {@code count} spare child JVMs started and waiting,
     * so that {@link TaskProcess#start()} of a process with these {@code options} hands its task to a
     * JVM that is already running (billiard's forkserver, done the Java way) instead of booting one.
     * Opt-in; see {@link WarmSpares} for which requests a spare serves (exactly those a fresh child
     * would be started for with the same command; any other starts cold) and how spares end. Close the
     * returned context to kill its spares; they also end with this JVM, however it ends.
     *
     * @param count   how many spares to keep waiting, {@code >= 1}
     * @param options the options of the processes the spares serve: JVM options, start-up profile and
     *                cache, captured output (name and daemon flag play no part)
     * @return a new context, whose spares are starting
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws NullPointerException     if {@code options} is {@code null}
     */
    public ReferenceContext withWarmSpares(int count, ProcessOptions options) {
        return new ReferenceContext(WarmSpares.start(count, options, ReferenceLaunchSupport.INSTANCE));
    }

    /**
     * Returns this context's warm spares, e.g. to wait until they are ready
     * ({@link WarmSpares#awaitReady}) before a start whose latency matters.
     *
     * @return the pool, or empty if this context was not made with {@link #withWarmSpares}
     */
    public Optional<WarmSpares> warmSpares() {
        return Optional.ofNullable(spares);
    }

    /**
     * Kills this context's warm spares, if it has any; processes already started are not affected.
     * Queues are not closed (they belong to whoever made them). Idempotent.
     */
    @Override
    public void close() {
        if (spares != null) {
            spares.close();
        }
    }

    @Override
    public String toString() {
        return "ReferenceContext[reference]";
    }
}
