package org.jbilliard.reference.badinput;

import java.io.Serial;
import org.jbilliard.Codec;
import org.jbilliard.reference.codec.StandardCodec;

/**
 * The default codec, except that it throws its own (non-CodecException) exception when asked to
 * encode the string {@value #REFUSE_ENCODE} or to decode what it encoded for {@value #REFUSE_DECODE}.
 */
final class FaultyCodec implements Codec {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String REFUSE_ENCODE = "refuse-to-encode";
    static final String REFUSE_DECODE = "refuse-to-decode";

    private final StandardCodec delegate = new StandardCodec();

    @Override
    public byte[] encode(Object item) {
        if (REFUSE_ENCODE.equals(item)) {
            throw new IllegalStateException("this codec refuses to encode " + item);
        }
        return delegate.encode(item);
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        Object item = delegate.decode(bytes, offset, length);
        if (REFUSE_DECODE.equals(item)) {
            throw new IllegalStateException("this codec refuses to decode " + item);
        }
        return item;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaultyCodec;
    }

    @Override
    public int hashCode() {
        return 17;
    }
}
