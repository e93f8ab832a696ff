package org.jbilliard.benchmarks;

/**
 * The bodies of the jbilliard workloads' child processes, mirroring billiard_bench.py.
 *
 * <p>Each runs in its own process; they share nothing but the queues they are given.
 */
final class ChildTasks {

    /** Sent by a child on the control queue once it is ready to be timed. */
    static final String READY = "ready";
    /** Sent by the parent on the go queue to release a child. */
    static final String GO = "go";
    /** Sent by a JoinableQueue producer once join() returned. */
    static final String JOINED = "joined";

    private ChildTasks() {
    }

    /**
     * Puts {@code count} items — small ints, or with {@code itemBytes > 0} one byte array of that
     * size — and then one {@code null}; with {@code afterPuts} (JoinableQueue) runs it and reports
     * {@link #JOINED}.
     */
    static void produce(Channels.Sink data, Channels.Sink control, Channels.Source go, int count, int itemBytes,
                        Channels.Action afterPuts) throws Exception {
        control.put(READY);
        go.take();
        if (itemBytes > 0) {
            byte[] payload = new byte[itemBytes];
            for (int i = 0; i < count; i++) {
                data.put(payload);
            }
        } else {
            for (int i = 0; i < count; i++) {
                data.put(i);
            }
        }
        data.put(null);
        if (afterPuts != null) {
            afterPuts.run();
            control.put(JOINED);
        }
    }

    /** Takes items until the first {@code null} and reports how many came before it. */
    static void consume(Channels.Source data, Channels.Sink control, Channels.Source go) throws Exception {
        control.put(READY);
        go.take();
        int received = 0;
        while (data.take() != null) {
            received++;
        }
        control.put(received);
    }

    /** Sends back every item it gets, {@code count} times. */
    static void echo(Channels.Source ping, Channels.Sink pong, Channels.Sink control, int count) throws Exception {
        control.put(READY);
        for (int i = 0; i < count; i++) {
            pong.put(ping.take());
        }
    }

    /** Reports the moment the task began. */
    static void reportStart(Channels.Sink out) throws Exception {
        // NOTE: first statement of the task. HotSpot's nanoTime is CLOCK_MONOTONIC on Linux, one
        // clock for all processes of the machine, so the parent may subtract its own reading.
        long running = System.nanoTime();
        out.put(running);
    }

    /** Passes of {@link #computeAndReport} over its array: about 1.6 s of one core as C1 code. */
    static final int CPU_TASK_ROUNDS = 10_000;

    /**
     * Runs a fixed CPU-bound kernel (a multiply-add reduction over a 64 Ki-element int array, the
     * kind of loop a compute task spends its time in, which C2 vectorizes and C1 does not) and
     * reports how long it took, in nanoseconds, measured here so that the child's start-up is not
     * counted.
     */
    static void computeAndReport(Channels.Sink out) throws Exception {
        long t0 = System.nanoTime();
        int[] values = new int[1 << 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 31;
        }
        long total = 0;
        for (int round = 0; round < CPU_TASK_ROUNDS; round++) {
            int sum = 0;
            for (int value : values) {
                sum += value * (round | 1);
            }
            total += sum;
        }
        long elapsed = System.nanoTime() - t0;
        // NOTE: the result travels with the time, so the loop's value is used and cannot be dropped.
        out.put(new long[] {elapsed, total});
    }

    /** Reports readiness, then blocks in get until released. */
    static void blockInGet(Channels.Sink control, Channels.Source data) throws Exception {
        control.put(READY);
        data.take();
    }
}
