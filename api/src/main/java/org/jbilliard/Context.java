package org.jbilliard;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The entry point of an implementation: creates queues and processes, and says what it supports.
 * billiard's {@code billiard.get_context()} and the module-level factories
 * ({@code billiard.Queue(maxsize)}, {@code billiard.Process(target=…)}).
 *
 * <p>Obtain one with {@link #load()} (through {@link ServiceLoader}: an implementation lists its
 * class in {@code META-INF/services/org.jbilliard.Context} and has a public no-argument constructor)
 * or construct the implementation class directly.
 *
 * <pre>{@code
 * Context ctx = Context.load();
 * Queue<String> q = ctx.queue(5);
 * try (TaskProcess p = ctx.process(() -> q.put("hello from " + ProcessHandle.current().pid()))) {
 *     p.start();
 *     System.out.println(q.get(Duration.ofSeconds(5)));
 *     p.join();
 * }
 * }</pre>
 *
 * <p><b>Thread-safety.</b> Implementations are thread-safe; a context may be shared by all threads.
 */
public interface Context {

    /**
     * Returns the only implementation found by {@link ServiceLoader} on the class path of the
     * calling thread's context class loader.
     *
     * @return the context
     * @throws IllegalStateException if none, or more than one, is found (the message lists them)
     */
    static Context load() {
        List<Context> found = new ArrayList<>();
        try {
            for (Context context : ServiceLoader.load(Context.class)) {
                found.add(context);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a jbilliard Context provider failed to load: " + e.getMessage(), e);
        }
        if (found.size() != 1) {
            List<String> names = new ArrayList<>();
            for (Context context : found) {
                names.add(context.name() + " (" + context.getClass().getName() + ")");
            }
            throw new IllegalStateException(found.isEmpty()
                    ? "no jbilliard Context implementation on the class path: add one (e.g. jbilliard-reference-impl),"
                      + " or construct your implementation directly"
                    : "several jbilliard Context implementations on the class path, use Context.load(name): " + names);
        }
        return found.get(0);
    }

    /**
     * Returns the implementation found by {@link ServiceLoader} whose {@link #name()} is {@code name}.
     *
     * @param name the implementation's name
     * @return the context
     * @throws IllegalArgumentException if no implementation has that name (the message lists those found)
     */
    static Context load(String name) {
        List<String> names = new ArrayList<>();
        for (Context context : ServiceLoader.load(Context.class)) {
            if (context.name().equals(name)) {
                return context;
            }
            names.add(context.name());
        }
        throw new IllegalArgumentException("no jbilliard Context named '" + name + "'; found " + names);
    }

    /**
     * Returns a short name of the implementation, e.g. {@code "reference"}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the optional features this implementation supports; see {@link Feature}.
     *
     * @return an unmodifiable set
     */
    Set<Feature> features();

    /**
     * Returns whether a feature is supported.
     *
     * @param feature the feature
     * @return {@code features().contains(feature)}
     */
    default boolean supports(Feature feature) {
        return features().contains(feature);
    }

    /**
     * Returns the largest encoded item, in bytes, that a queue of this context accepts (BEHAVIOUR row
     * 18). Larger items make {@code put} throw {@link ItemTooLargeException}.
     *
     * @return the limit in bytes
     */
    int maxItemBytes();

    /**
     * Returns the codec queues use when none is given.
     *
     * @return the default codec
     */
    Codec defaultCodec();

    /**
     * Creates an unbounded queue. billiard: {@code Queue()}.
     *
     * @param <T> the item type
     * @return a new queue handle
     */
    default <T> Queue<T> queue() {
        return queue(0, defaultCodec());
    }

    /**
     * Creates a queue holding at most {@code maxsize} items. billiard: {@code Queue(maxsize)}.
     *
     * @param <T>     the item type
     * @param maxsize the bound; zero or negative means unbounded ({@link Queue#UNBOUNDED})
     * @return a new queue handle
     */
    default <T> Queue<T> queue(int maxsize) {
        return queue(maxsize, defaultCodec());
    }

    /**
     * Creates a queue with a bound and a codec.
     *
     * @param <T>     the item type
     * @param maxsize the bound; zero or negative means unbounded
     * @param codec   the codec all participants use
     * @return a new queue handle
     */
    <T> Queue<T> queue(int maxsize, Codec codec);

    /**
     * Creates an unbounded joinable queue. billiard: {@code JoinableQueue()}.
     *
     * @param <T> the item type
     * @return a new queue handle
     */
    default <T> JoinableQueue<T> joinableQueue() {
        return joinableQueue(0, defaultCodec());
    }

    /**
     * Creates a joinable queue holding at most {@code maxsize} items. billiard:
     * {@code JoinableQueue(maxsize)}.
     *
     * @param <T>     the item type
     * @param maxsize the bound; zero or negative means unbounded
     * @return a new queue handle
     */
    default <T> JoinableQueue<T> joinableQueue(int maxsize) {
        return joinableQueue(maxsize, defaultCodec());
    }

    /**
     * Creates a joinable queue with a bound and a codec.
     *
     * @param <T>     the item type
     * @param maxsize the bound; zero or negative means unbounded
     * @param codec   the codec all participants use
     * @return a new queue handle
     */
    <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec);

    /**
     * Creates a simple queue. billiard: {@code SimpleQueue()}.
     *
     * @param <T> the item type
     * @return a new queue handle
     */
    default <T> SimpleQueue<T> simpleQueue() {
        return simpleQueue(defaultCodec());
    }

    /**
     * Creates a simple queue with a codec.
     *
     * @param <T>   the item type
     * @param codec the codec all participants use
     * @return a new queue handle
     */
    <T> SimpleQueue<T> simpleQueue(Codec codec);

    /**
     * Attaches to an existing {@link Queue} by its {@link Queue#address()}.
     *
     * @param <T>     the item type
     * @param address the address
     * @return a new handle on the same queue
     * @throws IllegalArgumentException      if no such queue exists, it is of another kind, or it is
     *                                       not safely owned by this user (the message says which)
     * @throws UnsupportedOperationException if {@link Feature#ATTACH_BY_ADDRESS} is not declared
     */
    default <T> Queue<T> attachQueue(String address) {
        throw new UnsupportedOperationException(name() + " does not support " + Feature.ATTACH_BY_ADDRESS);
    }

    /**
     * Attaches to an existing {@link JoinableQueue} by its address.
     *
     * @param <T>     the item type
     * @param address the address
     * @return a new handle on the same queue
     * @throws IllegalArgumentException      as {@link #attachQueue(String)}
     * @throws UnsupportedOperationException if {@link Feature#ATTACH_BY_ADDRESS} is not declared
     */
    default <T> JoinableQueue<T> attachJoinableQueue(String address) {
        throw new UnsupportedOperationException(name() + " does not support " + Feature.ATTACH_BY_ADDRESS);
    }

    /**
     * Attaches to an existing {@link SimpleQueue} by its address.
     *
     * @param <T>     the item type
     * @param address the address
     * @return a new handle on the same queue
     * @throws IllegalArgumentException      as {@link #attachQueue(String)}
     * @throws UnsupportedOperationException if {@link Feature#ATTACH_BY_ADDRESS} is not declared
     */
    default <T> SimpleQueue<T> attachSimpleQueue(String address) {
        throw new UnsupportedOperationException(name() + " does not support " + Feature.ATTACH_BY_ADDRESS);
    }

    /**
     * Creates an unstarted process that will run {@code task}, with default options. billiard:
     * {@code Process(target=…, args=…)}.
     *
     * @param task the task; it and everything it captures must be serializable
     * @return the unstarted process
     */
    default TaskProcess process(Task task) {
        return process(task, ProcessOptions.defaults());
    }

    /**
     * Creates an unstarted process that will run {@code task}.
     *
     * <p><b>Defaults where a task runs in a new JVM</b> (as in the reference implementation), each
     * chosen in {@link ProcessOptions}: the child is tuned for a fast start
     * ({@link ProcessOptions.StartupProfile#FAST_START}: C1 only, Serial collector), which suits short
     * tasks and many processes; a long-running, compute-heavy task wants
     * {@link ProcessOptions.StartupProfile#PEAK_THROUGHPUT} (the JVM's own compiler and collector
     * defaults). The first process also starts, in the background, two short JVMs that train a
     * start-up cache in {@code $XDG_CACHE_HOME/jbilliard/startup} ({@code ~/.cache/jbilliard/startup})
     * for later children; {@link ProcessOptions#withStartupCache(java.nio.file.Path)} moves it,
     * {@link ProcessOptions#withoutStartupCache()} turns it off. The system properties
     * {@code jbilliard.process.startupCache} (a directory, or {@code off}) and
     * {@code jbilliard.process.c1Only=false} set the same JVM-wide, for options that leave them at
     * their defaults.
     *
     * @param task    the task; it and everything it captures must be serializable
     * @param options name, daemon flag, output handling, JVM options, start-up profile and cache
     * @return the unstarted process
     * @throws IllegalArgumentException if the task cannot be serialized (checked here, not in the child)
     */
    TaskProcess process(Task task, ProcessOptions options);
}
