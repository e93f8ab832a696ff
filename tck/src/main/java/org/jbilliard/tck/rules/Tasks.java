package org.jbilliard.tck.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Empty;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.tck.support.Items;

/**
 * The tasks the TCK runs in processes. Every task is built by a static method, so the lambda captures
 * only its parameters (queues, numbers, durations, strings), never the test instance: a task must be
 * serializable and its classes must exist on the child's class path (the TCK jar).
 *
 * <p>Stateless (except the {@link #staticMarker} probe); the tasks themselves block on queues as described.
 */
public final class Tasks {

    /** Set by {@link #writeStatic(String, Queue)} in whatever JVM runs the task. */
    public static volatile String staticMarker = "untouched";

    private Tasks() {
    }

    /**
     * Puts {@code count} items tagged with the producer ID: {@code "<producer>:<n>"}.
     *
     * @param q        the queue
     * @param producer the producer ID
     * @param count    how many
     * @return the task
     */
    public static Task produce(Queue<String> q, int producer, int count) {
        return () -> {
            for (int n = 0; n < count; n++) {
                q.put(producer + ":" + n);
            }
        };
    }

    /**
     * Takes items until it gets {@code null} (the sentinel), then reports everything it got as one list
     * on {@code results}.
     *
     * @param q       the work queue
     * @param results where the list goes
     * @param wait    the longest wait for one item
     * @return the task
     */
    public static Task consumeUntilNull(Queue<String> q, Queue<List<String>> results, Duration wait) {
        return () -> {
            ArrayList<String> got = new ArrayList<>();
            for (String item; (item = q.get(wait)) != null; ) {
                got.add(item);
            }
            results.put(got);
        };
    }

    /**
     * The seed's consumer: takes items with a timeout until the sentinel, which it puts back for the
     * other consumers; reports what it consumed.
     *
     * @param q       the queue
     * @param results where the list of consumed items goes
     * @param wait    the get timeout
     * @return the task
     */
    public static Task seedConsumer(Queue<Integer> q, Queue<List<Integer>> results, Duration wait) {
        return () -> {
            ArrayList<Integer> got = new ArrayList<>();
            while (true) {
                Integer item = q.get(wait);
                if (item == null) {
                    q.put(null);
                    break;
                }
                got.add(item);
            }
            results.put(got);
        };
    }

    /**
     * The seed's producer: puts 0..count-1 and then the sentinel {@code null}.
     *
     * @param q     the queue
     * @param count how many items
     * @return the task
     */
    public static Task seedProducer(Queue<Integer> q, int count) {
        return () -> {
            for (int i = 0; i < count; i++) {
                q.put(i);
            }
            q.put(null);
        };
    }

    /**
     * A JoinableQueue worker: gets items until {@code null}, reports each on {@code done} and marks it done.
     *
     * @param q    the joinable queue
     * @param done where processed items are reported
     * @return the task
     */
    public static Task joinableWorker(JoinableQueue<Integer> q, Queue<Integer> done) {
        return () -> {
            while (true) {
                Integer item = q.get();
                if (item == null) {
                    q.taskDone();
                    break;
                }
                done.put(item);
                q.taskDone();
            }
        };
    }

    /**
     * Puts {@code count} strings and a {@code null} sentinel per consumer on a SimpleQueue.
     *
     * @param q         the queue
     * @param count     how many items
     * @param sentinels how many sentinels
     * @return the task
     */
    public static Task simpleProducer(SimpleQueue<String> q, int count, int sentinels) {
        return () -> {
            for (int i = 0; i < count; i++) {
                q.put("s" + i);
            }
            for (int i = 0; i < sentinels; i++) {
                q.put(null);
            }
        };
    }

    /**
     * Takes from a SimpleQueue until {@code null}, reports the list.
     *
     * @param q       the queue
     * @param results where the list goes
     * @return the task
     */
    public static Task simpleConsumer(SimpleQueue<String> q, Queue<List<String>> results) {
        return () -> {
            ArrayList<String> got = new ArrayList<>();
            for (String item; (item = q.get()) != null; ) {
                got.add(item);
            }
            results.put(got);
        };
    }

    /**
     * Gets {@code count} items (waiting at most {@code wait} each) and reports them as a list.
     *
     * @param q       the queue
     * @param count   how many
     * @param results where the list goes
     * @param wait    the longest wait per item
     * @return the task
     */
    public static Task drain(Queue<Integer> q, int count, Queue<List<Integer>> results, Duration wait) {
        return () -> {
            ArrayList<Integer> got = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    got.add(q.get(wait));
                }
            } catch (Empty e) {
                got.add(-1);
            }
            results.put(got);
        };
    }

    /**
     * Puts 0..count-1 and returns (its handle is flushed before the process exits).
     *
     * @param q     the queue
     * @param count how many
     * @return the task
     */
    public static Task putRange(Queue<Integer> q, int count) {
        return () -> {
            for (int i = 0; i < count; i++) {
                q.put(i);
            }
        };
    }

    /**
     * Waits for one item on {@code gate} (so the process stays alive until released or killed).
     *
     * @param gate the queue to wait on
     * @return the task
     */
    public static Task awaitGate(Queue<String> gate) {
        return () -> gate.get();
    }

    /**
     * Throws {@code IllegalStateException(message)}.
     *
     * @param message the message
     * @return the task
     */
    public static Task fail(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    /**
     * Calls {@code System.exit(code)}.
     *
     * @param code the exit status
     * @return the task
     */
    public static Task exit(int code) {
        return () -> System.exit(code);
    }

    /**
     * Sets {@link #staticMarker} and reports the pid of the JVM it runs in.
     *
     * @param value   the value to set
     * @param results where the pid goes
     * @return the task
     */
    public static Task writeStatic(String value, Queue<Long> results) {
        return () -> {
            staticMarker = value;
            results.put(ProcessHandle.current().pid());
        };
    }

    /**
     * Prints a line to standard output and one to standard error.
     *
     * @param out the stdout line
     * @param err the stderr line
     * @return the task
     */
    public static Task print(String out, String err) {
        return () -> {
            System.out.println(out);
            System.out.flush();
            System.err.println(err);
            System.err.flush();
        };
    }

    /**
     * Gets one item from {@code work}, reports it on {@code results}, then mutates and reports a captured list.
     *
     * @param work     the work queue
     * @param results  where results go
     * @param captured a captured list (a copy in the child)
     * @return the task
     */
    public static Task echoAndMutate(Queue<Object> work, Queue<Object> results, ArrayList<String> captured) {
        return () -> {
            Object item = work.get();
            captured.add("changed in the child");
            results.put("echo:" + item);
            results.put(new ArrayList<>(captured));
        };
    }

    /**
     * Puts self-checking byte items of {@code size} bytes forever (until killed).
     *
     * @param q    the queue
     * @param size item size
     * @return the task
     */
    public static Task produceForever(Queue<byte[]> q, int size) {
        return () -> {
            for (int i = 0; ; i++) {
                q.put(Items.selfChecking(i, size));
            }
        };
    }

    /**
     * Puts {@code count} items, then waits on {@code gate} (to be killed there).
     *
     * @param q     the queue
     * @param count how many items
     * @param gate  the queue to wait on
     * @return the task
     */
    public static Task putThenWait(Queue<Integer> q, int count, Queue<String> gate) {
        return () -> {
            for (int i = 0; i < count; i++) {
                q.put(i);
            }
            gate.get();
        };
    }

    /**
     * Gets one item from a joinable queue, reports it, then waits on {@code gate} without calling taskDone.
     *
     * @param q     the joinable queue
     * @param got   where the item is reported
     * @param gate  the queue to wait on
     * @return the task
     */
    public static Task getWithoutTaskDone(JoinableQueue<Integer> q, Queue<Integer> got, Queue<String> gate) {
        return () -> {
            got.put(q.get());
            gate.get();
        };
    }

    /**
     * Gets one item from a SimpleQueue and reports it.
     *
     * @param q       the queue
     * @param results where the item goes
     * @return the task
     */
    public static Task simpleGetOne(SimpleQueue<String> q, Queue<String> results) {
        return () -> results.put(q.get());
    }

    /**
     * Gets one item and reports it.
     *
     * @param q       the queue
     * @param results where the item goes
     * @return the task
     */
    public static Task getOne(Queue<String> q, Queue<String> results) {
        return () -> results.put(q.get());
    }

    /**
     * Announces on {@code ready} that it is about to get, gets one item and reports it.
     *
     * @param ready   where the announcement goes
     * @param q       the queue to get from
     * @param results where the item goes
     * @return the task
     */
    public static Task announceThenGet(Queue<String> ready, Queue<String> q, Queue<String> results) {
        return () -> {
            ready.put("about to get");
            results.put(q.get());
        };
    }

    /**
     * Announces on {@code ready} that it is about to get, gets one item from a SimpleQueue and reports it.
     *
     * @param ready   where the announcement goes
     * @param q       the queue to get from
     * @param results where the item goes
     * @return the task
     */
    public static Task announceThenSimpleGet(Queue<String> ready, SimpleQueue<String> q, Queue<String> results) {
        return () -> {
            ready.put("about to get");
            results.put(q.get());
        };
    }

    /**
     * Waits for one item on {@code gate}, then gets {@code count} items as {@link #drain} does.
     *
     * @param gate    the queue to wait on first
     * @param q       the queue
     * @param count   how many
     * @param results where the list goes
     * @param wait    the longest wait per item
     * @return the task
     */
    public static Task drainAfterGate(Queue<String> gate, Queue<Integer> q, int count, Queue<List<Integer>> results,
                                      Duration wait) {
        Task drain = drain(q, count, results, wait);
        return () -> {
            gate.get();
            drain.run();
        };
    }

    /**
     * Uses its handle of {@code q} once (so that it is attached), announces {@code "attached"} on
     * {@code ready}, waits for one item on {@code gate}, then gets {@code count} items as {@link #drain} does.
     *
     * @param ready   where the announcement goes
     * @param gate    the queue to wait on
     * @param q       the queue
     * @param count   how many
     * @param results where the list goes
     * @param wait    the longest wait per item
     * @return the task
     */
    public static Task attachThenDrain(Queue<String> ready, Queue<String> gate, Queue<Integer> q, int count,
                                       Queue<List<Integer>> results, Duration wait) {
        Task drain = drain(q, count, results, wait);
        return () -> {
            q.empty();
            ready.put("attached");
            gate.get();
            drain.run();
        };
    }

    /**
     * Makes one large self-checking item (see {@link Items#selfChecking}), announces {@code "putting"} on
     * {@code ready}, puts the item, announces {@code "put returned"}, then waits on {@code gate}.
     *
     * @param ready where the announcements go
     * @param q     the queue
     * @param size  the item's size in bytes
     * @param gate  the queue to wait on
     * @return the task
     */
    public static Task announceThenPutLarge(Queue<String> ready, Queue<byte[]> q, int size, Queue<String> gate) {
        return () -> {
            byte[] item = Items.selfChecking(size, size);
            ready.put("putting");
            q.put(item);
            ready.put("put returned");
            gate.get();
        };
    }

    /**
     * Reports a system property of the JVM the task runs in ({@code "null"} if unset).
     *
     * @param key     the property
     * @param results where its value goes
     * @return the task
     */
    public static Task reportProperty(String key, Queue<String> results) {
        return () -> results.put(String.valueOf(System.getProperty(key)));
    }
}
