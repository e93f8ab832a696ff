package org.jbilliard.dummy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;

/**
 * jbilliard in one JVM, as billiard's {@code multiprocessing.dummy}: a {@link TaskProcess} is a thread that
 * runs a deserialized copy of its task, and queues are in-memory structures holding encoded items. For
 * unit tests of code written against {@link Context}: no child JVM is started, nothing is written to disk,
 * and the code under test still meets the contract's copy semantics (a task works on copies of what it
 * captured; an item is encoded at {@code put}, so the receiver sees it as it was then).
 *
 * <p>Its features are what it really does: {@link Feature#QSIZE}, {@link Feature#IMMEDIATE_VISIBILITY} and
 * {@link Feature#ENCODE_AT_PUT}. It does not declare {@link Feature#CROSS_PROCESS} (tasks share this JVM),
 * {@link Feature#SIGNALS} ({@code kill()} and {@code terminate()} throw
 * {@link UnsupportedOperationException}), {@link Feature#ATTACH_BY_ADDRESS} (no other process can see its
 * queues) or {@link Feature#CRASH_SAFE}. It passes the TCK for what it declares.
 *
 * <p>Found by {@code Context.load("dummy")}; construct it directly to choose the item size limit.
 *
 * <p>Thread-safe.
 */
public final class DummyContext implements Context {

    /** The default largest encoded item: 16 MiB. */
    public static final int DEFAULT_MAX_ITEM_BYTES = 16 << 20;

    private static final Set<Feature> FEATURES = Collections.unmodifiableSet(
            EnumSet.of(Feature.QSIZE, Feature.IMMEDIATE_VISIBILITY, Feature.ENCODE_AT_PUT));

    private final int maxItemBytes;
    private final Codec codec = new DummyCodec();

    /** Creates the context with items up to {@value #DEFAULT_MAX_ITEM_BYTES} bytes (16 MiB). */
    public DummyContext() {
        this(DEFAULT_MAX_ITEM_BYTES);
    }

    /**
     * Creates the context with a given item size limit: a {@code put} of an item whose encoding is longer
     * throws {@link ItemTooLargeException}.
     *
     * @param maxItemBytes the largest encoded item, in bytes
     * @throws IllegalArgumentException if {@code maxItemBytes} is not positive
     */
    public DummyContext(int maxItemBytes) {
        if (maxItemBytes <= 0) {
            throw new IllegalArgumentException("maxItemBytes must be positive, got " + maxItemBytes);
        }
        this.maxItemBytes = maxItemBytes;
    }

    /** @return {@code "dummy"} */
    @Override
    public String name() {
        return "dummy";
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public int maxItemBytes() {
        return maxItemBytes;
    }

    /** @return a codec with fast paths for the boxed primitives, strings and byte arrays, Java serialization for the rest */
    @Override
    public Codec defaultCodec() {
        return codec;
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        return new DummyQueue<>(QueueCore.create(QueueCore.Kind.QUEUE, maxsize, codec, maxItemBytes), true, false);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return new DummyJoinableQueue<>(QueueCore.create(QueueCore.Kind.JOINABLE, maxsize, codec, maxItemBytes),
                true, false);
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return new DummySimpleQueue<>(QueueCore.create(QueueCore.Kind.SIMPLE, 0, codec, maxItemBytes), false);
    }

    @Override
    public <T> Queue<T> attachQueue(String address) {
        throw noAttach();
    }

    @Override
    public <T> JoinableQueue<T> attachJoinableQueue(String address) {
        throw noAttach();
    }

    @Override
    public <T> SimpleQueue<T> attachSimpleQueue(String address) {
        throw noAttach();
    }

    private static UnsupportedOperationException noAttach() {
        return new UnsupportedOperationException("attach by address is not supported by the dummy context: its"
                + " queues live in the heap of this JVM (pass the handle to the task instead)");
    }

    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return new DummyProcess(task, options);
    }

    @Override
    public String toString() {
        return "DummyContext[maxItemBytes=" + maxItemBytes + "]";
    }
}
