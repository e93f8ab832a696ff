package org.jbilliard.tck.threaded;

import java.util.Collections;
import java.util.EnumSet;
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

/**
 * An in-JVM implementation of the jbilliard contract, like Python's {@code multiprocessing.dummy}:
 * queues are lock-and-condition structures holding encoded frames, and a {@link TaskProcess} is a thread
 * that runs a deserialized copy of its task. It is the TCK's positive control: it must pass every rule its
 * features claim, proving that the TCK is not tied to pipes or child JVMs.
 *
 * <p>Declares {@link Feature#QSIZE}, {@link Feature#IMMEDIATE_VISIBILITY}, {@link Feature#ENCODE_AT_PUT}
 * and {@link Feature#ATTACH_BY_ADDRESS} (within this JVM). Not {@link Feature#CROSS_PROCESS}: tasks share
 * the heap. {@link SimulatedSignals} additionally declares {@link Feature#SIGNALS} and
 * {@link Feature#CRASH_SAFE}, with kills simulated as described in {@link ThreadedProcess}.
 *
 * <p>Thread-safe.
 */
public class ThreadedContext implements Context {

    /** The largest encoded item accepted: 4 MiB. */
    public static final int MAX_ITEM_BYTES = 4 << 20;

    private final boolean signals;
    private final Set<Feature> features;
    private final Codec codec = new ThreadedCodec();

    /** Creates the context without signals. */
    public ThreadedContext() {
        this(false);
    }

    ThreadedContext(boolean signals) {
        this.signals = signals;
        EnumSet<Feature> declared = EnumSet.of(Feature.QSIZE, Feature.IMMEDIATE_VISIBILITY, Feature.ENCODE_AT_PUT,
                Feature.ATTACH_BY_ADDRESS);
        if (signals) {
            declared.add(Feature.SIGNALS);
            declared.add(Feature.CRASH_SAFE);
        }
        this.features = Collections.unmodifiableSet(declared);
    }

    /** The threaded context with simulated signals: kill/terminate unwind the task thread. */
    public static class SimulatedSignals extends ThreadedContext {
        /** Creates the context. */
        public SimulatedSignals() {
            super(true);
        }

        @Override
        public String name() {
            return "threaded+signals";
        }
    }

    @Override
    public String name() {
        return "threaded";
    }

    /**
     * Parks the calling thread while the simulated process it runs is suspended ({@link
     * org.jbilliard.tck.support.Suspendable}); returns at once on any other thread. For mutants that stand
     * for a participant stopped in the middle of an operation.
     */
    public static void stopPoint() {
        ThreadedProcess.stopPoint();
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    @Override
    public int maxItemBytes() {
        return MAX_ITEM_BYTES;
    }

    @Override
    public Codec defaultCodec() {
        return codec;
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        return new ThreadedQueue<>(QueueCore.create(QueueCore.Kind.QUEUE, maxsize, codec, MAX_ITEM_BYTES), true, true);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return new ThreadedJoinableQueue<>(QueueCore.create(QueueCore.Kind.JOINABLE, maxsize, codec, MAX_ITEM_BYTES),
                true, true);
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return new ThreadedSimpleQueue<>(QueueCore.create(QueueCore.Kind.SIMPLE, 0, codec, MAX_ITEM_BYTES), true);
    }

    @Override
    public <T> Queue<T> attachQueue(String address) {
        return new ThreadedQueue<>(QueueCore.lookup(address, QueueCore.Kind.QUEUE), true, true);
    }

    @Override
    public <T> JoinableQueue<T> attachJoinableQueue(String address) {
        return new ThreadedJoinableQueue<>(QueueCore.lookup(address, QueueCore.Kind.JOINABLE), true, true);
    }

    @Override
    public <T> SimpleQueue<T> attachSimpleQueue(String address) {
        return new ThreadedSimpleQueue<>(QueueCore.lookup(address, QueueCore.Kind.SIMPLE), true);
    }

    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return new ThreadedProcess(task, options, signals);
    }
}
