package org.jbilliard.benchmarks;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-process workloads, each run by every implementation that covers it, alternating.
 *
 * <p>{@link #count(boolean)} is the item, round-trip or process count of one repetition. The
 * {@code redis-} workloads run jbilliard's Redis context against redis-py on the run's one
 * {@code redis-server}; the others run the reference implementation against billiard, the raw pipe
 * and the shared-memory anchor. {@link #subject()} says which jbilliard a workload's ratios and
 * targets are about.
 */
public enum Workload {
    /** Queue, 1 producer process to 1 consumer process, small ints. */
    QUEUE_1TO1("queue-1to1-int", "Queue, 1 producer → 1 consumer, small ints", 500_000, 30_000,
            Impls.LOCAL),
    /** Queue, 4 producer processes to 4 consumer processes, small ints. */
    QUEUE_4TO4("queue-4to4-int", "Queue, 4 producers → 4 consumers, small ints", 500_000, 30_000,
            EnumSet.of(Impl.JBILLIARD, Impl.BILLIARD)),
    /** SimpleQueue 1 to 1, small ints. */
    SIMPLE_1TO1("simplequeue-1to1-int", "SimpleQueue, 1 → 1, small ints", 500_000, 30_000,
            EnumSet.of(Impl.JBILLIARD, Impl.BILLIARD, Impl.RAW_PIPE)),
    /** JoinableQueue 1 to 1: put, get, taskDone, and the producer joins. */
    JOINABLE_1TO1("joinable-1to1-int", "JoinableQueue, 1 → 1, put/get/taskDone", 500_000, 30_000,
            EnumSet.of(Impl.JBILLIARD, Impl.BILLIARD, Impl.RAW_PIPE)),
    /** Queue 1 to 1 of 64 KiB byte arrays. */
    BYTES_64K("bytes64k-1to1", "Queue, 1 → 1, 64 KiB byte[]", 20_000, 1_500, Impls.LOCAL),
    /** Queue 1 to 1 of 1 MiB byte arrays: items larger than the read stage and the pipe. */
    BYTES_1M("bytes1m-1to1", "Queue, 1 → 1, 1 MiB byte[]", 2_000, 150, Impls.LOCAL),
    /** Round trips over two SimpleQueues. */
    PINGPONG_SIMPLE("pingpong-simplequeue", "Ping-pong round trip over two SimpleQueues", 20_000, 2_000,
            EnumSet.of(Impl.JBILLIARD, Impl.BILLIARD, Impl.RAW_PIPE)),
    /** Round trips over two Queues. */
    PINGPONG_QUEUE("pingpong-queue", "Ping-pong round trip over two Queues", 20_000, 2_000,
            Impls.LOCAL),
    /** Process start to the first statement of its task. */
    STARTUP("process-start", "Process start → task running", 20, 4, EnumSet.of(Impl.JBILLIARD, Impl.BILLIARD)),
    /** Process start to the first statement of its task, handed to a warm spare JVM (opt-in). */
    STARTUP_WARM("process-start-warm", "Process start → task running, from a warm spare", 20, 4,
            EnumSet.of(Impl.JBILLIARD)),
    /** Process start to the first statement of its task, children started for peak throughput. */
    STARTUP_PEAK("process-start-peak", "Process start → task running, PEAK_THROUGHPUT profile", 20, 4,
            EnumSet.of(Impl.JBILLIARD)),
    /** A CPU-bound task's compute time in a child of the default, fast-start profile (C1 only). */
    CPU_TASK_FAST("cpu-task-fast-start", "CPU-bound task in a child, FAST_START profile", 5, 1,
            EnumSet.of(Impl.JBILLIARD)),
    /** The same task's compute time in a child started for peak throughput (C2). */
    CPU_TASK_PEAK("cpu-task-peak", "CPU-bound task in a child, PEAK_THROUGHPUT profile", 5, 1,
            EnumSet.of(Impl.JBILLIARD)),
    /** CPU of a consumer blocked in get. */
    IDLE_CPU("idle-consumer-cpu", "Idle consumer blocked in get", 5, 1, EnumSet.of(Impl.JBILLIARD, Impl.BILLIARD)),
    /** Redis: Queue, 1 producer process to 1 consumer process, small ints; redis-py LPUSH/BRPOP alongside. */
    REDIS_1TO1("redis-queue-1to1-int", "Redis: Queue, 1 → 1, small ints", 20_000, 4_000, Impls.REDIS),
    /** Redis: Queue, 4 producer processes to 4 consumer processes, small ints. */
    REDIS_4TO4("redis-queue-4to4-int", "Redis: Queue, 4 → 4, small ints", 40_000, 8_000, Impls.REDIS),
    /** Redis: Queue 1 to 1 of 64 KiB byte arrays. */
    REDIS_BYTES_64K("redis-bytes64k-1to1", "Redis: Queue, 1 → 1, 64 KiB byte[]", 4_000, 800, Impls.REDIS);

    /** The implementation sets of the workloads (a holder: enum constants cannot use the enum's own statics). */
    private static final class Impls {
        /** The reference implementation and the local baselines. */
        static final Set<Impl> LOCAL = EnumSet.of(Impl.JBILLIARD, Impl.BILLIARD, Impl.RAW_PIPE, Impl.SHM_ANCHOR);
        /** The Redis context and redis-py. */
        static final Set<Impl> REDIS = EnumSet.of(Impl.JBILLIARD_REDIS, Impl.REDIS_PY);
    }

    /** The id {@code --only} accepts for all Redis workloads at once. */
    public static final String REDIS_GROUP = "redis";

    /** Payload bytes of one 64 KiB item. */
    public static final int BYTES_ITEM = 64 * 1024;
    /** Payload bytes of one 1 MiB item. */
    public static final int BYTES_1M_ITEM = 1024 * 1024;

    private final String id;
    private final String title;
    private final int fullCount;
    private final int quickCount;
    private final Set<Impl> impls;

    Workload(String id, String title, int fullCount, int quickCount, Set<Impl> impls) {
        this.id = id;
        this.title = title;
        this.fullCount = fullCount;
        this.quickCount = quickCount;
        this.impls = impls;
    }

    /**
     * Returns the id used in results.json and on the command line.
     *
     * @return e.g. {@code "queue-1to1-int"}
     */
    public String id() {
        return id;
    }

    /**
     * Returns a human-readable title.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * Returns the size of one repetition: items for throughput, round trips for ping-pong, process
     * starts for start-up, seconds of the window for idle CPU.
     *
     * @param quick whether the quick mode runs
     * @return the count
     */
    public int count(boolean quick) {
        return quick ? quickCount : fullCount;
    }

    /**
     * Returns the size of one {@code byte[]} item of a byte-array workload.
     *
     * @return {@link #BYTES_ITEM} or {@link #BYTES_1M_ITEM}, or 0 for workloads of other items
     */
    public int itemBytes() {
        return switch (this) {
            case BYTES_64K, REDIS_BYTES_64K -> BYTES_ITEM;
            case BYTES_1M -> BYTES_1M_ITEM;
            default -> 0;
        };
    }

    /**
     * Returns whether an implementation runs this workload.
     *
     * @param impl the implementation
     * @return {@code true} if it is measured
     */
    public boolean covers(Impl impl) {
        return impls.contains(impl);
    }

    /**
     * Returns the implementation whose figures this workload's ratios and targets are about.
     *
     * @return {@link Impl#JBILLIARD_REDIS} for the Redis workloads, else {@link Impl#JBILLIARD}
     */
    public Impl subject() {
        return impls.contains(Impl.JBILLIARD_REDIS) ? Impl.JBILLIARD_REDIS : Impl.JBILLIARD;
    }

    /**
     * Returns whether this is one of the Redis workloads.
     *
     * @return {@code true} if it runs on the run's redis-server
     */
    public boolean redis() {
        return subject() == Impl.JBILLIARD_REDIS;
    }

    /**
     * Returns the workload of the same subject that this one's throughput is compared with: Queue
     * 1 → 1 for 4 → 4 and JoinableQueue, Redis Queue 1 → 1 for Redis 4 → 4.
     *
     * @return the workload, or empty if this one has no such comparison
     */
    public Optional<Workload> ownBaseline() {
        return switch (this) {
            case QUEUE_4TO4, JOINABLE_1TO1 -> Optional.of(QUEUE_1TO1);
            case REDIS_4TO4 -> Optional.of(REDIS_1TO1);
            default -> Optional.empty();
        };
    }

    /**
     * Returns the Redis workloads, which {@code --only=redis} selects.
     *
     * @return the workloads whose {@link #redis()} holds
     */
    public static Set<Workload> redisWorkloads() {
        Set<Workload> redis = EnumSet.noneOf(Workload.class);
        for (Workload workload : values()) {
            if (workload.redis()) {
                redis.add(workload);
            }
        }
        return redis;
    }

    /**
     * Finds a workload by id without failing.
     *
     * @param id the id, e.g. of a result
     * @return the workload, or empty for other ids (JMH benchmarks, "cleanup")
     */
    public static Optional<Workload> find(String id) {
        for (Workload workload : values()) {
            if (workload.id.equals(id)) {
                return Optional.of(workload);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a workload by id.
     *
     * @param id the id
     * @return the workload
     * @throws IllegalArgumentException if there is none with that id (the message lists them)
     */
    public static Workload byId(String id) {
        for (Workload workload : values()) {
            if (workload.id.equals(id)) {
                return workload;
            }
        }
        StringBuilder ids = new StringBuilder();
        for (Workload workload : values()) {
            ids.append(' ').append(workload.id);
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known:" + ids + " " + REDIS_GROUP + " jmh");
    }
}
