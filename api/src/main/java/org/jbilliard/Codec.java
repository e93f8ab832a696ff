package org.jbilliard;

import java.io.Serializable;

/**
 * Turns queue items into bytes and back: the SPI behind every {@code put} and {@code get}.
 *
 * <p>billiard always pickles; jbilliard lets a queue be given its codec when it is created
 * ({@link Context#queue(int, Codec)}). The codec travels with the queue handle to every process that
 * attaches, which is why it is {@link Serializable}: all participants of a queue encode and decode
 * with equal codecs.
 *
 * <p><b>Contract.</b> {@code decode(encode(x))} is equal to {@code x} for every item the codec
 * accepts (for arrays: equal contents), {@code null} included. {@link #encode(Object)} runs in the
 * thread that calls {@code put}, so the item is snapshotted at that moment (BEHAVIOUR row 8), and its
 * failure reaches that caller. Implementations must be thread-safe and must not retain the arrays
 * they are given or return.
 */
public interface Codec extends Serializable {

    /**
     * Encodes an item.
     *
     * @param item the item, possibly {@code null}
     * @return a new array holding the encoded item; the caller owns it
     * @throws CodecException if the item cannot be encoded (the message says why, naming the
     *                        offending type)
     */
    byte[] encode(Object item);

    /**
     * Decodes an item produced by {@link #encode(Object)} of an equal codec.
     *
     * @param bytes  the buffer holding the encoded item; not retained
     * @param offset where the encoded item starts
     * @param length how many bytes it has
     * @return the item, possibly {@code null}
     * @throws CodecException if the bytes cannot be decoded (unknown tag, missing class, …)
     */
    Object decode(byte[] bytes, int offset, int length);

    /**
     * Names this codec's wire format, so that a queue can record it when it is created and refuse a
     * participant that attaches with a codec that would misread its items.
     *
     * <p>Two codecs with equal ids must read each other's bytes. The default, the codec's class name,
     * suits codecs that only Java reads. A codec whose bytes other languages read returns the short,
     * language-neutral name that those languages' clients record and check too (the codecs module's
     * {@code "cbor"} and {@code "pickle"}). A codec whose format depends on its settings includes
     * them in its id.
     *
     * @return a non-empty id of printable ASCII characters
     */
    default String id() {
        return getClass().getName();
    }
}
