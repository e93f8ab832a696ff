package org.jbilliard.redis;

/**
 * The Redis server could not be reached, or did not answer, before the call's deadline.
 *
 * <p>Every call of a Redis queue handle throws it the same way: a call with a timeout
 * ({@code get(Duration)}, {@code put(item, Duration)}, {@code join(Duration)}) keeps its timeout as its
 * deadline; a call without one ({@code getNowait}, {@code putNowait}, {@code qsize}, {@code taskDone},
 * …) waits at most {@link RedisConfig#operationTimeout()}; a call that blocks without a bound
 * ({@code get()}, {@code put(item)}, {@code join()}) keeps reconnecting until the server answers (it
 * stays interruptible). Until then the client reconnects by itself; nothing needs to be reopened.
 *
 * <p>What the failed call did is unknown in one case only: a {@code put} (or {@code taskDone}) whose
 * request reached the server but whose reply did not may have taken effect — the item may be in
 * the queue. A {@code get} that failed this way loses nothing: an item the server handed out is kept
 * for the same handle and returned by its next {@code get}.
 *
 * <p><b>Thread-safety.</b> Immutable once thrown, as exceptions are.
 */
public final class ServerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was attempted, on which server (never with credentials)
     * @param cause   the client's last error
     */
    public ServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
