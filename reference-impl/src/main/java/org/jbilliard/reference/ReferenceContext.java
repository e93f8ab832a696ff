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
 * <p>{@link #ReferenceContext(int)} (or the system property {@value #MAX_ITEM_BYTES_PROPERTY}, for the
 * no-argument constructor) chooses a smaller item size limit than the default 1 GiB, e.g. for a test that
 * must reach the limit: the handles this context creates or attaches (and their copies in
 * tasks) then refuse longer items.
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

    private final int maxItemBytes;

    /** Warm spares of this context's children, or {@code null} (the default: every child starts cold). */
    private final WarmSpares spares;

    /**
     * The system property that lowers the item size limit of contexts made by the no-argument constructor
     * (and so by {@link Context#load()}), in bytes; for a run, such as the conformance run's TCK, that finds
     * the context by {@code ServiceLoader} and must reach the limit.
     */
    public static final String MAX_ITEM_BYTES_PROPERTY = "jbilliard.reference.maxItemBytes";

    /**
     * Creates the context with the default item size limit of 1 GiB, or the one system property
     * {@value #MAX_ITEM_BYTES_PROPERTY} names; the first one in a JVM removes stale files of dead processes.
     *
     * @throws IllegalArgumentException if the property is set to anything but a number from 1 to 1 GiB
     */
    public ReferenceContext() {
        this(configuredLimit(), null);
    }

    private static int configuredLimit() {
        String value = System.getProperty(MAX_ITEM_BYTES_PROPERTY);
        if (value == null || value.isBlank()) {
            return PipeQueues.maxItemBytes();
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + MAX_ITEM_BYTES_PROPERTY + " must be a number of"
                    + " bytes from 1 to " + PipeQueues.maxItemBytes() + ", got '" + value + "'", e);
        }
    }

    /**
     * Creates the context with a smaller item size limit: a {@code put} or {@code sendPayload} through
     * one of its handles of an item whose encoding is longer throws
     * {@link org.jbilliard.ItemTooLargeException}. Handles of the same queue made by another context
     * keep their own limit.
     *
     * @param maxItemBytes the largest encoded item, 1 to {@link PipeQueues#maxItemBytes()} (1 GiB)
     * @throws IllegalArgumentException if {@code maxItemBytes} is out of that range
     */
    public ReferenceContext(int maxItemBytes) {
        this(maxItemBytes, null);
    }

    private ReferenceContext(int maxItemBytes, WarmSpares spares) {
        if (maxItemBytes <= 0 || maxItemBytes > PipeQueues.maxItemBytes()) {
            throw new IllegalArgumentException("maxItemBytes (constructor argument or system property "
                    + MAX_ITEM_BYTES_PROPERTY + ") must be between 1 and " + PipeQueues.maxItemBytes()
                    + " (1 GiB), got " + maxItemBytes);
        }
        this.maxItemBytes = maxItemBytes;
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
        return maxItemBytes;
    }

    private <H> H limited(H handle) {
        return maxItemBytes == PipeQueues.maxItemBytes() ? handle : PipeQueues.limitItems(handle, maxItemBytes);
    }

    @Override
    public Codec defaultCodec() {
        return new StandardCodec();
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        return limited(PipeQueues.create(maxsize, codec));
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return limited(PipeQueues.createJoinable(maxsize, codec));
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return limited(PipeQueues.createSimple(codec));
    }

    @Override
    public <T> Queue<T> attachQueue(String address) {
        return limited(PipeQueues.attach(address));
    }

    @Override
    public <T> JoinableQueue<T> attachJoinableQueue(String address) {
        return limited(PipeQueues.attachJoinable(address));
    }

    @Override
    public <T> SimpleQueue<T> attachSimpleQueue(String address) {
        return limited(PipeQueues.attachSimple(address));
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
        return new ReferenceContext(maxItemBytes, WarmSpares.start(count, options, ReferenceLaunchSupport.INSTANCE));
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
        return "ReferenceContext[reference, maxItemBytes=" + maxItemBytes + "]";
    }
}
