package org.jbilliard.reference.chaos;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The items the chaos run sends: a {@code byte[]} (the codec's fast path) that names its producer,
 * that producer's incarnation and a sequence number, and checks itself.
 *
 * <pre>
 *  0        4            8      12               20
 *  +--------+------------+------+----------------+----------------------+
 *  |producer|incarnation | seq  | CRC32C of all  | payload (seeded      |
 *  |        |            |      | other bytes    | pseudo-random bytes) |
 *  +--------+------------+------+----------------+----------------------+
 * </pre>
 */
final class ChaosItem {

    static final int HEADER = 20;

    private ChaosItem() {
    }

    static byte[] create(int producer, int incarnation, int seq, int payloadSize) {
        byte[] item = new byte[HEADER + payloadSize];
        ByteBuffer buffer = ByteBuffer.wrap(item);
        buffer.putInt(producer).putInt(incarnation).putInt(seq);
        SplittableRandom random = new SplittableRandom(((long) producer << 40) ^ ((long) incarnation << 20) ^ seq);
        for (int i = HEADER; i < item.length; i++) {
            item[i] = (byte) random.nextInt();
        }
        buffer.putLong(12, checksum(item));
        return item;
    }

    static boolean intact(byte[] item) {
        return item != null && item.length >= HEADER && ByteBuffer.wrap(item).getLong(12) == checksum(item);
    }

    /** A stable key: producer, incarnation, sequence. */
    static String key(byte[] item) {
        ByteBuffer buffer = ByteBuffer.wrap(item);
        return buffer.getInt(0) + "/" + buffer.getInt(4) + "/" + buffer.getInt(8);
    }

    private static long checksum(byte[] item) {
        CRC32C crc = new CRC32C();
        crc.update(item, 0, 12);
        crc.update(item, HEADER, item.length - HEADER);
        return crc.getValue();
    }
}
