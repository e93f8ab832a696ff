package org.jbilliard.tck;

import java.time.Duration;
import java.util.Locale;

/**
 * Every duration the TCK uses, derived from one multiplier: the time factor.
 *
 * <p>The factor comes from the system property {@value #TIME_FACTOR_PROPERTY}, else the environment
 * variable {@value #TIME_FACTOR_ENV}, else {@code 1.0}. Raise it (e.g. to {@code 3}) on a slow or
 * loaded machine: every timeout under test, every tolerance and every cut-off for a hanging operation
 * is scaled by it. No test in the TCK uses a literal duration.
 *
 * <p>Immutable and thread-safe.
 */
public final class TckEnvironment {

    /** System property holding the time factor. */
    public static final String TIME_FACTOR_PROPERTY = "jbilliard.tck.timeFactor";
    /** Environment variable holding the time factor. */
    public static final String TIME_FACTOR_ENV = "JBILLIARD_TCK_TIME_FACTOR";

    private static volatile TckEnvironment current = fromSystem();

    private final double timeFactor;

    private TckEnvironment(double timeFactor) {
        if (!(timeFactor > 0) || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("time factor must be a positive number, got " + timeFactor);
        }
        this.timeFactor = timeFactor;
    }

    /**
     * Creates an environment with an explicit time factor.
     *
     * @param timeFactor the multiplier, greater than zero
     * @return the environment
     */
    public static TckEnvironment withTimeFactor(double timeFactor) {
        return new TckEnvironment(timeFactor);
    }

    /**
     * Reads the time factor from the system property, then the environment variable.
     *
     * @return the environment
     * @throws IllegalArgumentException if the configured value is not a positive number
     */
    public static TckEnvironment fromSystem() {
        String value = System.getProperty(TIME_FACTOR_PROPERTY);
        String origin = "system property " + TIME_FACTOR_PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(TIME_FACTOR_ENV);
            origin = "environment variable " + TIME_FACTOR_ENV;
        }
        if (value == null || value.isBlank()) {
            return new TckEnvironment(1.0);
        }
        try {
            return new TckEnvironment(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + " must be a positive number, got '" + value + "'", e);
        }
    }

    /**
     * Returns the environment the rules use now.
     *
     * @return the current environment
     */
    public static TckEnvironment current() {
        return current;
    }

    /**
     * Replaces the environment the rules use (the runner does this before a run).
     *
     * @param environment the new environment
     */
    public static void install(TckEnvironment environment) {
        current = java.util.Objects.requireNonNull(environment, "environment");
    }

    /**
     * Returns the multiplier.
     *
     * @return the time factor
     */
    public double timeFactor() {
        return timeFactor;
    }

    private Duration scaled(long millis) {
        return Duration.ofNanos((long) (millis * 1_000_000L * timeFactor));
    }

    /**
     * The timeout handed to a timed operation whose expiry is under test ({@code get(t)} on an empty
     * queue, {@code put(x, t)} on a full one, {@code join(t)}): 200 ms times the factor.
     *
     * @return the timeout
     */
    public Duration timeoutUnderTest() {
        return scaled(200);
    }

    /**
     * How long a call that must not wait may take: 50 ms times the factor. It bounds the "at once" forms —
     * {@code getNowait()}, {@code putNowait()}, {@code get(timeout <= 0)}, {@code put(x, timeout <= 0)},
     * {@code join(Duration.ZERO)} — where billiard polls. Tight on purpose: a nowait call that waits for a
     * lock held by a blocked reader takes far longer, and must be seen.
     *
     * @return the limit for a call that must not wait
     */
    public Duration atOnce() {
        return scaled(50);
    }

    /**
     * How much later than its timeout a timed operation may return: 100 ms times the factor. A timed call
     * that waits for a lock without its deadline, or re-arms its wait in full after a wake-up, overruns this.
     * Lower bounds have no tolerance beyond {@link #clockGranularity()}.
     *
     * @return the allowed overrun of a timed call
     */
    public Duration timeoutOverrun() {
        return scaled(100);
    }

    /**
     * Slack for lower bounds: the granularity of {@link System#nanoTime()} as seen by a caller.
     * Not scaled: a timeout must never expire early, however slow the machine.
     *
     * @return one millisecond
     */
    public Duration clockGranularity() {
        return Duration.ofMillis(1);
    }

    /**
     * How long to let a thread settle into a blocking call before interrupting it, when its state
     * cannot be observed: 150 ms times the factor.
     *
     * @return the settling time
     */
    public Duration settle() {
        return scaled(150);
    }

    /**
     * Cut-off for an operation that must complete promptly (a {@code get} with an item available, a
     * {@code join} whose count is zero, a {@code close}): 5 s times the factor. A hanging
     * implementation fails here with a message instead of hanging the run.
     *
     * @return the cut-off
     */
    public Duration operationLimit() {
        return scaled(5000);
    }

    /**
     * Cut-off for a whole cross-process scenario (start, run and join several processes): 60 s times
     * the factor.
     *
     * @return the cut-off
     */
    public Duration scenarioLimit() {
        return scaled(60_000);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TckEnvironment[timeFactor=%s]", timeFactor);
    }
}
