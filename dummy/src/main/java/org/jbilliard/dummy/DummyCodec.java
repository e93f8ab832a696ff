package org.jbilliard.dummy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;

/**
 * The dummy context's default codec: a one-byte type tag with fast paths for null, booleans, the boxed
 * primitives, {@link BigInteger}, strings, {@code byte[]} and {@link ByteBuffer}; Java serialization
 * for everything else. Stateless, so thread-safe.
 */
final class DummyCodec implements Codec {
    private static final long serialVersionUID = 1L;

    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte BYTE = 3;
    private static final byte SHORT = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte CHAR = 9;
    private static final byte STRING = 10;
    private static final byte BYTES = 11;
    private static final byte BUFFER = 12;
    private static final byte BIG_INTEGER = 13;
    private static final byte SERIALIZED = 14;

    @Override
    public byte[] encode(Object item) {
        if (item == null) {
            return new byte[] {NULL};
        } else if (item instanceof Boolean) {
            return new byte[] {((Boolean) item) ? TRUE : FALSE};
        } else if (item instanceof Byte) {
            return new byte[] {BYTE, (Byte) item};
        } else if (item instanceof Short) {
            return ByteBuffer.allocate(3).put(SHORT).putShort((Short) item).array();
        } else if (item instanceof Integer) {
            return ByteBuffer.allocate(5).put(INT).putInt((Integer) item).array();
        } else if (item instanceof Long) {
            return ByteBuffer.allocate(9).put(LONG).putLong((Long) item).array();
        } else if (item instanceof Float) {
            return ByteBuffer.allocate(5).put(FLOAT).putInt(Float.floatToRawIntBits((Float) item)).array();
        } else if (item instanceof Double) {
            return ByteBuffer.allocate(9).put(DOUBLE).putLong(Double.doubleToRawLongBits((Double) item)).array();
        } else if (item instanceof Character) {
            return ByteBuffer.allocate(3).put(CHAR).putChar((Character) item).array();
        } else if (item instanceof String) {
            return tagged(STRING, ((String) item).getBytes(StandardCharsets.UTF_8));
        } else if (item instanceof byte[]) {
            return tagged(BYTES, (byte[]) item);
        } else if (item instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) item).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return tagged(BUFFER, bytes);
        } else if (item.getClass() == BigInteger.class) {
            return tagged(BIG_INTEGER, ((BigInteger) item).toByteArray());
        }
        return tagged(SERIALIZED, serialize(item));
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static byte[] serialize(Object item) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(item);
        } catch (IOException e) {
            throw new CodecException("cannot encode an item of type " + item.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        if (length < 1) {
            throw new CodecException("cannot decode an empty payload", null, Arrays.copyOfRange(bytes, offset, offset));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset + 1, length - 1);
        byte tag = bytes[offset];
        switch (tag) {
            case NULL: return null;
            case TRUE: return Boolean.TRUE;
            case FALSE: return Boolean.FALSE;
            case BYTE: return in.get();
            case SHORT: return in.getShort();
            case INT: return in.getInt();
            case LONG: return in.getLong();
            case FLOAT: return Float.intBitsToFloat(in.getInt());
            case DOUBLE: return Double.longBitsToDouble(in.getLong());
            case CHAR: return in.getChar();
            case STRING: return new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8);
            case BYTES: return Arrays.copyOfRange(bytes, offset + 1, offset + length);
            case BUFFER: return ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset + 1, offset + length));
            case BIG_INTEGER: return new BigInteger(Arrays.copyOfRange(bytes, offset + 1, offset + length));
            case SERIALIZED: return deserialize(bytes, offset, length);
            default:
                throw new CodecException("unknown type tag " + tag, null, Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }

    private static Object deserialize(byte[] bytes, int offset, int length) {
        try (ObjectInputStream in = new LoaderAwareInput(new ByteArrayInputStream(bytes, offset + 1, length - 1))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new CodecException("cannot decode a serialized item: " + e, e,
                    Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DummyCodec;
    }

    @Override
    public int hashCode() {
        return DummyCodec.class.hashCode();
    }

    /** Resolves classes with the thread's context class loader first, then the default rules. */
    static final class LoaderAwareInput extends ObjectInputStream {
        LoaderAwareInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }
    }
}
