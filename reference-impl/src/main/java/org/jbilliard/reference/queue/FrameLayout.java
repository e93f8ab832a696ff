package org.jbilliard.reference.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Layout of one item frame in the FIFO, and its encoding and verification.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        magic "JBQF"                           |
 *  +---------------------------------------------------------------+
 *  |                  payload length (bytes, LE)                   |
 *  +---------------------------------------------------------------+
 *  |                   CRC32C of the payload (LE)                  |
 *  +---------------------------------------------------------------+
 *  |                  payload (the codec's bytes)                ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A reader never trusts the length inside the frame to size anything: it reads the number of
 * bytes the writer published in the control block's ring, then checks that the frame's magic, its
 * length field and its checksum agree with those bytes. A frame failing any check is never decoded.
 *
 * <p>Stateless; thread-safe.
 */
final class FrameLayout {

    static final int MAGIC = 0x4A425146;
    static final int HEADER_SIZE = 12;
    static final int MAGIC_OFFSET = 0;
    static final int LENGTH_OFFSET = 4;
    static final int CHECKSUM_OFFSET = 8;

    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private FrameLayout() {
    }

    /**
     * Builds a frame around a payload.
     *
     * @param payload the encoded item
     * @return a new array: header then payload
     */
    static byte[] encode(byte[] payload) {
        byte[] frame = new byte[HEADER_SIZE + payload.length];
        INT_LE.set(frame, MAGIC_OFFSET, MAGIC);
        INT_LE.set(frame, LENGTH_OFFSET, payload.length);
        INT_LE.set(frame, CHECKSUM_OFFSET, checksum(payload, 0, payload.length));
        System.arraycopy(payload, 0, frame, HEADER_SIZE, payload.length);
        return frame;
    }

    /**
     * Checks a frame read from the FIFO.
     *
     * @param buf    the bytes
     * @param length how many bytes the ring said the frame has
     * @return {@code null} if intact, otherwise what is wrong
     */
    static String verify(byte[] buf, int length) {
        if (length < HEADER_SIZE) {
            return "frame of " + length + " bytes is shorter than its header";
        }
        return verify(buf, buf, HEADER_SIZE, length - HEADER_SIZE);
    }

    /**
     * Checks a frame taken from the read stage as a separate header and payload.
     *
     * @param header  the frame's first {@link #HEADER_SIZE} bytes
     * @param payload the rest of the frame
     * @return {@code null} if intact, otherwise what is wrong
     */
    static String verify(byte[] header, byte[] payload) {
        return verify(header, payload, 0, payload.length);
    }

    /** The header at the start of {@code header}, the payload at {@code body[offset, offset + length)}. */
    private static String verify(byte[] header, byte[] body, int offset, int length) {
        int magic = (int) INT_LE.get(header, MAGIC_OFFSET);
        if (magic != MAGIC) {
            return String.format("bad magic 0x%08x", magic);
        }
        int payloadLength = (int) INT_LE.get(header, LENGTH_OFFSET);
        if (payloadLength != length) {
            return "length field " + payloadLength + " disagrees with the published length " + length;
        }
        int expected = (int) INT_LE.get(header, CHECKSUM_OFFSET);
        int actual = checksum(body, offset, length);
        if (expected != actual) {
            return String.format("checksum mismatch (frame says 0x%08x, payload has 0x%08x)", expected, actual);
        }
        return null;
    }

    static int checksum(byte[] buf, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(buf, off, len);
        return (int) crc.getValue();
    }
}
