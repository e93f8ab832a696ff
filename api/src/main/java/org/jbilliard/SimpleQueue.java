package org.jbilliard;

/**
 * A locked pipe with no buffer, bound or feeder: billiard's {@code SimpleQueue}.
 *
 * <p>{@link #put(Object)} encodes and writes the item in the calling thread and returns once it is in
 * the transport; {@link #get()} reads and decodes one. Several processes may put and get at once;
 * items of one producer arrive in order. {@link #getPayload()} and {@link #sendPayload(byte[])} move
 * raw, already-encoded bytes (billiard's {@code get_payload} and {@code send_payload}, BEHAVIOUR row
 * 17): a payload sent is got back byte for byte, and {@code get()} decodes it with the queue's codec.
 *
 * <p>{@link #empty()} works (billiard 4.1.0 raises {@code AttributeError}, BEHAVIOUR row 15); every
 * operation on a closed handle throws {@link QueueClosedException} (row 16).
 *
 * <p><b>Thread-safety.</b> All methods may be called from any thread; blocking methods respond to
 * interruption by throwing {@link InterruptedException} and leave the queue as it was.
 *
 * @param <T> the type of the items
 */
public interface SimpleQueue<T> extends AutoCloseable {

    /**
     * Removes and returns the next item, waiting until one is available. billiard: {@code get()}.
     *
     * @return the item, possibly {@code null}
     * @throws InterruptedException    if interrupted while waiting; nothing was taken
     * @throws CodecException          if the item cannot be decoded; it is consumed
     * @throws QueueCorruptedException if corrupt bytes were found and discarded
     * @throws QueueClosedException    if this handle was closed
     */
    T get() throws InterruptedException;

    /**
     * Encodes the item and writes it, waiting while the transport is full. billiard: {@code put(obj)}.
     *
     * @param item the item, possibly {@code null}
     * @throws InterruptedException  if interrupted before the item was written; nothing was written
     * @throws CodecException        if the item cannot be encoded; nothing was written
     * @throws ItemTooLargeException if the encoded item exceeds {@link Context#maxItemBytes()}
     * @throws QueueClosedException  if this handle was closed
     */
    void put(T item) throws InterruptedException;

    /**
     * Returns whether no item is available now. billiard: {@code empty()}.
     *
     * @return {@code true} if a {@code get()} would wait
     * @throws QueueClosedException if this handle was closed
     */
    boolean empty();

    /**
     * Removes the next item and returns its encoded bytes, undecoded. billiard: {@code get_payload()}.
     *
     * @return the payload exactly as sent or encoded
     * @throws InterruptedException    if interrupted while waiting; nothing was taken
     * @throws QueueCorruptedException if corrupt bytes were found and discarded
     * @throws QueueClosedException    if this handle was closed
     */
    byte[] getPayload() throws InterruptedException;

    /**
     * Writes raw bytes as one item. billiard: {@code send_payload(value)}.
     *
     * @param payload the bytes; copied before this method returns
     * @throws InterruptedException  if interrupted before the payload was written
     * @throws ItemTooLargeException if the payload exceeds {@link Context#maxItemBytes()}
     * @throws QueueClosedException  if this handle was closed
     */
    void sendPayload(byte[] payload) throws InterruptedException;

    /**
     * Returns an address from which {@link Context#attachSimpleQueue(String)} attaches to this queue.
     *
     * @return the address
     * @throws UnsupportedOperationException if the context does not declare
     *                                       {@link Feature#ATTACH_BY_ADDRESS}
     */
    String address();

    /**
     * Closes this handle. Idempotent; other handles are unaffected. billiard: {@code close()}.
     */
    @Override
    void close();

    /**
     * Returns whether {@link #close()} was called on this handle.
     *
     * @return {@code true} once closed
     */
    boolean isClosed();
}
