package org.jbilliard;

/**
 * Optional capabilities a {@link Context} may declare through {@link Context#features()}.
 *
 * <p>Everything not listed here is required of every implementation. The TCK keys its optional
 * rules on these constants: a rule that needs a feature runs only where it is declared, and the
 * <em>absence</em> of a feature is asserted too (an implementation that does not declare
 * {@link #QSIZE} must throw {@link UnsupportedOperationException} from {@link Queue#qsize()}).
 */
public enum Feature {
    /**
     * {@link Queue#qsize()} returns the number of items in the queue. Without it, {@code qsize}
     * throws {@link UnsupportedOperationException} (as billiard does on macOS).
     */
    QSIZE,

    /**
     * {@link Context#process(Task)} runs the task in a separate operating-system process with its
     * own heap, and queue handles captured by the task are attached there. Without it, tasks run
     * on threads of the calling JVM (like {@code multiprocessing.dummy}).
     */
    CROSS_PROCESS,

    /**
     * {@link TaskProcess#terminate()} and {@link TaskProcess#kill()} deliver SIGTERM and SIGKILL,
     * and {@link TaskProcess#exitCode()} reports a death by signal {@code n} as {@code -n}. Without
     * it, both methods throw {@link UnsupportedOperationException}.
     */
    SIGNALS,

    /**
     * {@link Context#attachQueue(String)} and its siblings attach to a queue created by an
     * unrelated process of the same user, given the string from {@link Queue#address()}.
     */
    ATTACH_BY_ADDRESS,

    /**
     * A participant killed at any instant (holding a lock, mid-read, mid-write, after {@code put}
     * but before its item was flushed) never wedges, corrupts or desynchronises the queue for the
     * others (BEHAVIOUR rows 19–22): torn items are discarded, and the size, capacity and lock
     * state it held are recovered.
     */
    CRASH_SAFE,

    /**
     * From the moment {@code put} returns until the item is taken, {@link Queue#qsize()} counts it
     * and {@link Queue#empty()} is false, in every process, and {@link Queue#getNowait()} returns an
     * item unless every counted item is <em>owed</em> (BEHAVIOUR row 6). billiard only guarantees
     * this for {@code qsize()}.
     *
     * <p>Deadlines hold whatever other participants do: {@code getNowait()}, {@code putNowait()},
     * {@code get(timeout <= 0)} and {@code put(timeout <= 0)} never wait for another participant
     * (they return within a few milliseconds); {@code get(t)}, {@code put(t)} and {@code join(t)}
     * return within {@code t} + 50 ms on an idle machine. An item counted by a participant that is
     * not running (stopped, paused, starved of CPU, or stopped half-way through writing or reading
     * it) is owed: the {@code get} that reaches its deadline throws {@link Empty}, and the item goes
     * to a later {@code get} once its holder runs again; nothing is lost, torn or duplicated, and
     * {@code qsize()} stays exact.
     */
    IMMEDIATE_VISIBILITY,

    /**
     * Items are encoded in the thread that calls {@code put}: an item that cannot be encoded makes
     * {@code put} throw {@link CodecException} and nothing is enqueued (BEHAVIOUR rows 7, 8 and 18).
     */
    ENCODE_AT_PUT
}
