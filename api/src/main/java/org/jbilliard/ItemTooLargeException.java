package org.jbilliard;

/**
 * Thrown by {@code put} when the encoded item is larger than the limit of the handle it is put
 * through: {@link Context#maxItemBytes()} of the context that made or attached the handle (an
 * implementation may let a context be configured with a smaller limit, which its handles keep,
 * also in a task they are handed to). BEHAVIOUR rows 18 and 30: billiard's feeder dies on items of
 * 2 GiB and more. Nothing is enqueued.
 */
public class ItemTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The encoded size of the rejected item. */
    private final long size;
    /** The limit it exceeded. */
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param size  the encoded size of the rejected item, in bytes
     * @param limit the limit it exceeded, in bytes
     */
    public ItemTooLargeException(long size, long limit) {
        super("encoded item is " + size + " bytes, over the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    /**
     * Returns the encoded size of the rejected item.
     *
     * @return bytes
     */
    public long size() {
        return size;
    }

    /**
     * Returns the limit that was exceeded.
     *
     * @return bytes
     */
    public long limit() {
        return limit;
    }
}
