package org.jbilliard.tck.simulated;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.dummy.DummyContext;
import org.jbilliard.tck.mutants.ForwardingContext;

/**
 * {@link DummyContext} with what the self-test simulates on top of it: attach by address within this JVM
 * ({@link Feature#ATTACH_BY_ADDRESS}), and optionally signals ({@link Feature#SIGNALS},
 * {@link Feature#CRASH_SAFE}, see {@link SimulatedProcess}). The base of every mutant; it passes the TCK for
 * what it declares ({@code SimulatedContextTckTest}, {@code SimulatedSignalsTckTest}).
 *
 * <p>Attach: every handle carries an address of its own, and the address book maps it to the first handle
 * of the queue, weakly (a queue is attachable while that handle is reachable); attaching makes a new handle
 * of the same queue by serializing that handle, as a task does. Thread-safe: the address book is a
 * concurrent map, everything else is immutable.
 */
public final class SimulatedContext extends ForwardingContext {

    private static final Map<String, WeakReference<Object>> ADDRESSES = new ConcurrentHashMap<>();

    private final boolean signals;
    private final Set<Feature> features;

    private SimulatedContext(Context dummy, boolean signals) {
        super(dummy);
        this.signals = signals;
        EnumSet<Feature> declared = EnumSet.of(Feature.ATTACH_BY_ADDRESS);
        declared.addAll(dummy.features());
        if (signals) {
            declared.add(Feature.SIGNALS);
            declared.add(Feature.CRASH_SAFE);
        }
        this.features = Collections.unmodifiableSet(declared);
    }

    /** A {@link DummyContext} that also attaches by address (within this JVM). */
    public SimulatedContext() {
        this(new DummyContext(), false);
    }

    /**
     * A {@link DummyContext} that attaches by address and has simulated signals.
     *
     * @return the context
     */
    public static SimulatedContext withSignals() {
        return new SimulatedContext(new DummyContext(), true);
    }

    /**
     * Parks the calling thread while the simulated process it runs is stopped; returns at once on any other
     * thread. For mutants that stand for a participant stopped half-way through an operation.
     */
    public static void stopPoint() {
        Participant.stopPoint();
    }

    @Override
    public String name() {
        return signals ? "dummy+attach+signals" : "dummy+attach";
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    private static String register(String kind, Object handle) {
        ADDRESSES.values().removeIf(ref -> ref.get() == null);
        String address = "simulated:" + kind + ":" + UUID.randomUUID();
        ADDRESSES.put(address, new WeakReference<>(handle));
        return address;
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        Queue<T> queue = delegate.queue(maxsize, codec);
        return new ParticipantQueue<>(queue, register("queue", queue));
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        JoinableQueue<T> queue = delegate.joinableQueue(maxsize, codec);
        return new ParticipantJoinableQueue<>(queue, register("joinable", queue));
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        SimpleQueue<T> queue = delegate.simpleQueue(codec);
        return new ParticipantSimpleQueue<>(queue, register("simple", queue));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Queue<T> attachQueue(String address) {
        Object handle = lookup(address);
        if (handle instanceof JoinableQueue) {
            return new ParticipantJoinableQueue<>((JoinableQueue<T>) copy(handle), address);
        }
        if (handle instanceof Queue) {
            return new ParticipantQueue<>((Queue<T>) copy(handle), address);
        }
        throw wrongKind(address, "Queue");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> JoinableQueue<T> attachJoinableQueue(String address) {
        Object handle = lookup(address);
        if (handle instanceof JoinableQueue) {
            return new ParticipantJoinableQueue<>((JoinableQueue<T>) copy(handle), address);
        }
        throw wrongKind(address, "JoinableQueue");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SimpleQueue<T> attachSimpleQueue(String address) {
        Object handle = lookup(address);
        if (handle instanceof SimpleQueue) {
            return new ParticipantSimpleQueue<>((SimpleQueue<T>) copy(handle), address);
        }
        throw wrongKind(address, "SimpleQueue");
    }

    private static Object lookup(String address) {
        WeakReference<Object> ref = ADDRESSES.get(java.util.Objects.requireNonNull(address, "address"));
        Object handle = ref == null ? null : ref.get();
        if (handle == null) {
            throw new IllegalArgumentException("no queue at address '" + address + "'");
        }
        return handle;
    }

    private static IllegalArgumentException wrongKind(String address, String wanted) {
        return new IllegalArgumentException("the queue at '" + address + "' is not a " + wanted);
    }

    /** A new handle of the same queue: the dummy's serialized form is its queue, as a task receives it. */
    private static Object copy(Object handle) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(handle);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot make a new handle of " + handle + ": " + e, e);
        }
    }

    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return signals ? SimulatedProcess.create(delegate, task, options) : delegate.process(task, options);
    }

    @Override
    public String toString() {
        return "SimulatedContext[" + name() + ", " + delegate + "]";
    }
}
