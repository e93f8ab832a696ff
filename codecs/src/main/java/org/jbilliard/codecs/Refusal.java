package org.jbilliard.codecs;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jbilliard.CodecException;

/**
 * Why an item cannot be encoded, and where in the item: the path is collected while the failure
 * unwinds through the containers, so that encoding builds no path strings when it succeeds.
 *
 * <p><b>Thread-safety.</b> Confined to the encoding thread.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Deque<String> path = new ArrayDeque<>();
    private final boolean withPath;

    /**
     * Creates a refusal.
     *
     * @param reason   what is refused, e.g. "an item of type java.lang.Object: ..."
     * @param withPath whether to report where; false for a depth overflow, whose path would be
     *                 hundreds of levels long
     */
    Refusal(String reason, boolean withPath) {
        this(reason, withPath, null);
    }

    /**
     * Creates a refusal caused by another failure.
     *
     * @param reason   what is refused
     * @param withPath whether to report where
     * @param cause    the failure behind it, or {@code null}
     */
    Refusal(String reason, boolean withPath, Throwable cause) {
        super(reason, cause, false, false);
        this.withPath = withPath;
    }

    /** Records one more enclosing step, e.g. {@code [3]} or {@code ['name']}. */
    Refusal at(String step) {
        if (withPath) {
            path.addFirst(step);
        }
        return this;
    }

    /** Turns the refusal into the api's exception. */
    CodecException toCodecException(String codec) {
        String where = path.isEmpty() ? "" : "(at item" + String.join("", path) + ") ";
        return new CodecException(codec + " cannot encode " + where + getMessage(), getCause());
    }
}
