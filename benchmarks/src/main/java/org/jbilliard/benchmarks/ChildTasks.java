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
     * Puts {@code count} items and then one {@code null}; with {@code afterPuts} (JoinableQueue) runs
     * it and reports {@link #JOINED}.
     */
    static void produce(Channels.Sink data, Channels.Sink control, Channels.Source go, int count, boolean bytes,
                        Channels.Action afterPuts) throws Exception {
        control.put(READY);
        go.take();
        if (bytes) {
            byte[] payload = new byte[Workload.BYTES_ITEM];
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

    /** Reports readiness, then blocks in get until released. */
    static void blockInGet(Channels.Sink control, Channels.Source data) throws Exception {
        control.put(READY);
        data.take();
    }
}
