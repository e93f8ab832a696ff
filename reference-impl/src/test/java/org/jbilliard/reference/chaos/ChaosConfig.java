package org.jbilliard.reference.chaos;

import java.time.Duration;

/**
 * What one chaos run does. Every random choice derives from {@link #seed()}: the same seed gives the
 * same schedule of victims, delays and item sizes (the kernel's scheduling of course still varies).
 *
 * @param seed            the seed
 * @param producers       producer processes alive at any time
 * @param consumers       consumer processes alive at any time
 * @param itemsPerProducer items each producer incarnation puts (half to the Queue, half to the JoinableQueue)
 * @param kills           how many SIGKILLs to send
 * @param stops           how many SIGSTOP/SIGCONT pairs to send among the kills
 * @param maxStop         the longest a stopped participant stays stopped (uniform in [0, max])
 * @param maxKillDelay    the longest pause between two kills (each pause is uniform in [0, max])
 * @param largeEvery      every n-th item is large (bigger than a pipe page, so kills land mid-write)
 * @param largeSize       size of a large item's payload
 * @param getTimeout      the timeout of every consumer {@code get}
 * @param slack           how far past its timeout a {@code get} that throws Empty may return
 * @param deadline        the whole run must end within this
 */
record ChaosConfig(long seed, int producers, int consumers, int itemsPerProducer, int kills,
                   int stops, Duration maxStop, Duration maxKillDelay, int largeEvery, int largeSize, Duration getTimeout,
                   Duration slack, Duration deadline) {

    /**
     * The seeded quick form that runs on every build (well under a minute): 12 kills and 4 stops of
     * up to 300 ms, longer than a consumer's {@code get} timeout, so that a bounded call that waited
     * for a stopped participant would overrun visibly.
     */
    static ChaosConfig quick(long seed) {
        return new ChaosConfig(seed, 3, 3, 400, 12, 4, Duration.ofMillis(300), Duration.ofMillis(250), 25, 300_000,
                Duration.ofMillis(100), slackFromEnvironment(), Duration.ofSeconds(90));
    }

    /** The large form behind the chaos profile. */
    static ChaosConfig soak(long seed, int kills, int stops) {
        return new ChaosConfig(seed, 4, 4, 2_000, kills, stops, Duration.ofMillis(500), Duration.ofMillis(300), 20, 300_000,
                Duration.ofMillis(100), slackFromEnvironment(), Duration.ofMinutes(30));
    }

    /**
     * 50 ms is the promise on an idle machine; a chaos run is not idle (a dozen JVMs starting,
     * encoding and being killed on the machine's processors), so the allowance is four times that,
     * and scaled further by {@code jbilliard.timeFactor} / {@code JBILLIARD_TIME_FACTOR} (default 1)
     * on a machine loaded by others. The report always shows the raw overruns.
     */
    private static Duration slackFromEnvironment() {
        String factor = System.getProperty("jbilliard.timeFactor", System.getenv("JBILLIARD_TIME_FACTOR"));
        double scale = factor == null ? 1.0 : Double.parseDouble(factor);
        return Duration.ofMillis(Math.round(4 * 50 * scale));
    }
}
