package org.jbilliard.tck.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;

/**
 * A codec of strings that encodes everything but cannot decode the one item {@value #POISON}: the item
 * arrives intact, and its decoding fails as a class missing on the receiving side would. Used to check that
 * a decoding failure surfaces at {@code get} as {@link CodecException}, consumes the item, and leaves the
 * queue working. Stateless, so thread-safe; serializable, so every participant of a queue uses it.
 */
public final class PoisonCodec implements Codec {
    private static final long serialVersionUID = 1L;

    /** The item this codec encodes but refuses to decode. */
    public static final String POISON = "poison: cannot be decoded";

    private static final byte[] POISON_BYTES = POISON.getBytes(StandardCharsets.UTF_8);

    /** Creates the codec. */
    public PoisonCodec() {
    }

    @Override
    public byte[] encode(Object item) {
        if (!(item instanceof String)) {
            throw new CodecException("the TCK's PoisonCodec encodes strings only, not "
                    + (item == null ? "null" : item.getClass().getName()), null);
        }
        return ((String) item).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        byte[] payload = Arrays.copyOfRange(bytes, offset, offset + length);
        if (Arrays.equals(payload, POISON_BYTES)) {
            throw new CodecException("the TCK's PoisonCodec refuses to decode its poison item", null, payload);
        }
        return new String(payload, StandardCharsets.UTF_8);
    }
}
