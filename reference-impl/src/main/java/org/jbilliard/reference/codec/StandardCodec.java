package org.jbilliard.reference.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;

/**
 * The default codec: one tag byte, then a fixed-width big-endian value for the common item types,
 * and Java serialization for everything else.
 *
 * <pre>
 *  tag  type                      body
 *  ---  ------------------------  -------------------------------------------------
 *   0   null                      (none)
 *   1   Boolean.FALSE             (none)
 *   2   Boolean.TRUE              (none)
 *   3   Integer                   4 bytes
 *   4   Long                      8 bytes
 *   5   Short                     2 bytes
 *   6   Byte                      1 byte
 *   7   Character                 2 bytes
 *   8   Float                     4 bytes (raw IEEE bits: NaN payloads and -0.0 survive)
 *   9   Double                    8 bytes (raw IEEE bits)
 *  10   String, valid UTF-16      UTF-8 bytes to the end of the item
 *  11   String, lone surrogates   UTF-16BE chars to the end (UTF-8 would replace them)
 *  12   byte[]                    the bytes to the end
 *  13   ByteBuffer                its remaining bytes; decoded as a heap buffer, position 0
 *  14   anything Serializable     an ObjectOutputStream stream
 * </pre>
 *
 * <p>Strings, {@code byte[]} and {@code ByteBuffer} are the whole rest of the item, so the frame's
 * length is their length: there is no second length field to disagree with. An Integer costs five
 * bytes instead of the 81 that an {@link java.io.ObjectOutputStream} writes for it, and no reflection.
 *
 * <p><b>Thread-safety.</b> Stateless and immutable; all instances are equal.
 *
 * <p><b>Deserialization.</b> The fallback deserializes what other processes of the same user put in
 * the queue (queue files are private to their owner). Classes are resolved through the thread's
 * context class loader, then the loader of this class, so items of user classes decode in any
 * process that has them on its class path; a missing class is a {@link CodecException} carrying the
 * payload.
 */
public final class StandardCodec implements Codec {

    @Serial
    private static final long serialVersionUID = 1L;

    static final byte NULL = 0;
    static final byte FALSE = 1;
    static final byte TRUE = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte SHORT = 5;
    static final byte BYTE = 6;
    static final byte CHAR = 7;
    static final byte FLOAT = 8;
    static final byte DOUBLE = 9;
    static final byte STRING_UTF8 = 10;
    static final byte STRING_UTF16 = 11;
    static final byte BYTES = 12;
    static final byte BYTE_BUFFER = 13;
    static final byte SERIALIZED = 14;

    /** Creates the codec; all instances behave identically. */
    public StandardCodec() {
    }

    @Override
    public byte[] encode(Object item) {
        if (item == null) {
            return new byte[] {NULL};
        }
        // NOTE: exact class checks, not instanceof: a subclass (only possible for ByteBuffer here)
        // or a user type must go through serialization to round-trip as itself.
        Class<?> type = item.getClass();
        if (type == Integer.class) {
            return putInt(new byte[5], INT, (Integer) item);
        } else if (type == String.class) {
            return encodeString((String) item);
        } else if (type == Long.class) {
            return putLong(new byte[9], LONG, (Long) item);
        } else if (type == Boolean.class) {
            return new byte[] {((Boolean) item) ? TRUE : FALSE};
        } else if (type == byte[].class) {
            byte[] bytes = (byte[]) item;
            byte[] out = new byte[bytes.length + 1];
            out[0] = BYTES;
            System.arraycopy(bytes, 0, out, 1, bytes.length);
            return out;
        } else if (type == Double.class) {
            return putLong(new byte[9], DOUBLE, Double.doubleToRawLongBits((Double) item));
        } else if (type == Float.class) {
            return putInt(new byte[5], FLOAT, Float.floatToRawIntBits((Float) item));
        } else if (type == Short.class) {
            short value = (Short) item;
            return new byte[] {SHORT, (byte) (value >> 8), (byte) value};
        } else if (type == Byte.class) {
            return new byte[] {BYTE, (Byte) item};
        } else if (type == Character.class) {
            char value = (Character) item;
            return new byte[] {CHAR, (byte) (value >> 8), (byte) value};
        } else if (item instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] out = new byte[view.remaining() + 1];
            out[0] = BYTE_BUFFER;
            view.get(out, 1, out.length - 1);
            return out;
        }
        return serialize(item);
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        if (length < 1 || offset < 0 || offset + length > bytes.length) {
            throw new CodecException("no codec tag: item of " + length + " bytes", null, copy(bytes, offset, length));
        }
        byte tag = bytes[offset];
        int body = offset + 1;
        int bodyLength = length - 1;
        switch (tag) {
            case NULL:
                return expect(bytes, offset, length, 0, null);
            case FALSE:
                return expect(bytes, offset, length, 0, Boolean.FALSE);
            case TRUE:
                return expect(bytes, offset, length, 0, Boolean.TRUE);
            case INT:
                checkLength(bytes, offset, length, 4);
                return getInt(bytes, body);
            case LONG:
                checkLength(bytes, offset, length, 8);
                return getLong(bytes, body);
            case SHORT:
                checkLength(bytes, offset, length, 2);
                return (short) (((bytes[body] & 0xff) << 8) | (bytes[body + 1] & 0xff));
            case BYTE:
                checkLength(bytes, offset, length, 1);
                return bytes[body];
            case CHAR:
                checkLength(bytes, offset, length, 2);
                return (char) (((bytes[body] & 0xff) << 8) | (bytes[body + 1] & 0xff));
            case FLOAT:
                checkLength(bytes, offset, length, 4);
                return Float.intBitsToFloat(getInt(bytes, body));
            case DOUBLE:
                checkLength(bytes, offset, length, 8);
                return Double.longBitsToDouble(getLong(bytes, body));
            case STRING_UTF8:
                return new String(bytes, body, bodyLength, StandardCharsets.UTF_8);
            case STRING_UTF16:
                if ((bodyLength & 1) != 0) {
                    throw new CodecException("UTF-16 string with an odd byte count " + bodyLength, null,
                            copy(bytes, offset, length));
                }
                // NOTE: not new String(…, UTF_16BE): the charset decoder would replace the very lone
                // surrogates this tag exists to preserve.
                char[] chars = new char[bodyLength / 2];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) (((bytes[body + 2 * i] & 0xff) << 8) | (bytes[body + 2 * i + 1] & 0xff));
                }
                return new String(chars);
            case BYTES:
                return copy(bytes, body, bodyLength);
            case BYTE_BUFFER:
                return ByteBuffer.wrap(copy(bytes, body, bodyLength));
            case SERIALIZED:
                return deserialize(bytes, offset, length);
            default:
                throw new CodecException("unknown codec tag " + tag + " (this codec writes 0.." + SERIALIZED
                        + "; was the item encoded by another codec?)", null, copy(bytes, offset, length));
        }
    }

    private static byte[] encodeString(String value) {
        if (!hasLoneSurrogate(value)) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[utf8.length + 1];
            out[0] = STRING_UTF8;
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            return out;
        }
        byte[] out = new byte[value.length() * 2 + 1];
        out[0] = STRING_UTF16;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out[1 + 2 * i] = (byte) (c >> 8);
            out[2 + 2 * i] = (byte) c;
        }
        return out;
    }

    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] serialize(Object item) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        buffer.write(SERIALIZED);
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(item);
        } catch (NotSerializableException e) {
            throw new CodecException("cannot encode an item of type " + item.getClass().getName()
                    + ": " + e.getMessage() + " is not Serializable (give the queue a Codec that handles it,"
                    + " or make the type Serializable)", e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot encode an item of type " + item.getClass().getName() + ": " + e, e);
        }
        return buffer.toByteArray();
    }

    private static Object deserialize(byte[] bytes, int offset, int length) {
        try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(
                new ByteArrayInputStream(bytes, offset + 1, length - 1))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new CodecException("cannot decode an item: class " + e.getMessage()
                    + " is not on this process's class path", e, copy(bytes, offset, length));
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode a serialized item: " + e, e, copy(bytes, offset, length));
        }
    }

    private static Object expect(byte[] bytes, int offset, int length, int bodyLength, Object value) {
        checkLength(bytes, offset, length, bodyLength);
        return value;
    }

    private static void checkLength(byte[] bytes, int offset, int length, int bodyLength) {
        if (length - 1 != bodyLength) {
            throw new CodecException("codec tag " + bytes[offset] + " needs " + bodyLength + " body bytes, item has "
                    + (length - 1), null, copy(bytes, offset, length));
        }
    }

    private static byte[] putInt(byte[] out, byte tag, int value) {
        out[0] = tag;
        out[1] = (byte) (value >>> 24);
        out[2] = (byte) (value >>> 16);
        out[3] = (byte) (value >>> 8);
        out[4] = (byte) value;
        return out;
    }

    private static byte[] putLong(byte[] out, byte tag, long value) {
        out[0] = tag;
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (value >>> (56 - 8 * i));
        }
        return out;
    }

    private static int getInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }

    private static long getLong(byte[] bytes, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[at + i] & 0xff);
        }
        return value;
    }

    private static byte[] copy(byte[] bytes, int offset, int length) {
        byte[] out = new byte[Math.max(0, Math.min(length, bytes.length - Math.max(0, offset)))];
        System.arraycopy(bytes, Math.max(0, offset), out, 0, out.length);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StandardCodec;
    }

    @Override
    public int hashCode() {
        return StandardCodec.class.getName().hashCode();
    }

    @Override
    public String toString() {
        return "StandardCodec";
    }

    /** Resolves classes through the thread's context class loader first (application classes). */
    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {
        ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall through to the default resolution (primitives, this class's loader)
                }
            }
            return super.resolveClass(description);
        }
    }
}
