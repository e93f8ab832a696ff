package org.jbilliard;

/**
 * An item could not be turned into bytes, or bytes could not be turned back into an item.
 *
 * <p>Thrown by {@code put} (in the calling thread, before anything is enqueued) when the
 * {@link Codec} cannot encode the item, e.g. because it is not {@link java.io.Serializable}
 * (BEHAVIOUR row 7: billiard's feeder thread dies silently instead). Thrown by {@code get} when the
 * item's bytes arrived intact but cannot be decoded, e.g. a class missing from the receiver's class
 * path; the item has then been removed from the queue and its bytes are kept in
 * {@link #payload()} so that nothing is silently lost.
 */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The undecodable bytes, or {@code null} for an encoding failure. */
    private final byte[] payload;

    /**
     * Creates an exception for an item that failed to encode.
     *
     * @param message what could not be encoded and why
     * @param cause   the codec's own failure, or {@code null}
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
        this.payload = null;
    }

    /**
     * Creates an exception for bytes that failed to decode.
     *
     * @param message what could not be decoded and why
     * @param cause   the codec's own failure, or {@code null}
     * @param payload the encoded item exactly as it was received (not copied)
     */
    public CodecException(String message, Throwable cause, byte[] payload) {
        super(message, cause);
        this.payload = payload;
    }

    /**
     * Returns the encoded item that could not be decoded.
     *
     * @return the bytes as received, or {@code null} if this was an encoding failure
     */
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }
}
