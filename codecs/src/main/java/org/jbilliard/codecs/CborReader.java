package org.jbilliard.codecs;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jbilliard.CodecException;

/**
 * Reads one CBOR data item into the Java values of {@link CborCodec}'s type table.
 *
 * <p>Jackson's streaming parser reports every map key as a string; the key's own bytes tell whether
 * it was an integer (CBOR major types 0 and 1), so integer keys come back as integers, not as their
 * decimal text.
 *
 * <p><b>Thread-safety.</b> One instance per decode call; not shared.
 */
final class CborReader {

    private final CBORParser in;
    private final byte[] bytes;
    private final int offset;

    CborReader(CBORParser in, byte[] bytes, int offset) {
        this.in = in;
        this.bytes = bytes;
        this.offset = offset;
    }

    /** Reads the value whose first token is the parser's current token. */
    Object read(int depth) throws IOException {
        JsonToken token = in.currentToken();
        if (token == null) {
            throw new IOException("no CBOR data item");
        }
        int tag = in.getCurrentTag();
        if (in.getCurrentTags().size() > 1) {
            throw new IOException("a CBOR data item with " + in.getCurrentTags().size() + " tags is not in the type table");
        }
        if (tag != -1 && !(tag == CborWriter.TAG_SET && token == JsonToken.START_ARRAY)) {
            throw new IOException("CBOR tag " + tag + " is not in CborCodec's type table (it reads tags 2 and 3 as"
                    + " big integers, 4 as BigDecimal and 258 as a set)");
        }
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                switch (in.getNumberType()) {
                    case INT:
                        return in.getIntValue();
                    case LONG:
                        return Numbers.narrow(in.getLongValue());
                    default:
                        return Numbers.narrow(in.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                switch (in.getNumberType()) {
                    case BIG_DECIMAL:
                        return in.getDecimalValue();
                    default:
                        // Half, single and double precision all become Double: Python has one float
                        // type, and cbor2 writes NaN and the infinities in half precision.
                        return in.getDoubleValue();
                }
            case VALUE_STRING:
                return text(in.getText());
            case VALUE_EMBEDDED_OBJECT: {
                Object embedded = in.getEmbeddedObject();
                if (embedded instanceof byte[]) {
                    return embedded;
                }
                throw new IOException("CBOR value " + embedded + " is not in CborCodec's type table");
            }
            case START_ARRAY:
                return tag == CborWriter.TAG_SET ? readSet(enter(depth)) : readList(enter(depth));
            case START_OBJECT:
                return readMap(enter(depth));
            default:
                throw new IOException("unexpected CBOR token " + token);
        }
    }

    private List<Object> readList(int depth) throws IOException {
        List<Object> list = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(depth));
        }
        return list;
    }

    private Set<Object> readSet(int depth) throws IOException {
        Set<Object> set = new LinkedHashSet<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            Object element = read(depth);
            if (!set.add(element)) {
                throw new IOException("a CBOR set holds " + element + " twice");
            }
        }
        return set;
    }

    private Map<Object, Object> readMap(int depth) throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            Object key = key();
            in.nextToken();
            Object value = read(depth);
            if (map.containsKey(key)) {
                throw new IOException("a CBOR map holds the key " + key + " twice");
            }
            map.put(key, value);
        }
        return map;
    }

    private Object key() throws IOException {
        String name = in.currentName();
        int at = (int) in.currentTokenLocation().getByteOffset();
        int major = at < bytes.length ? (bytes[at] & 0xff) >> 5 : -1;
        if (major == 0 || major == 1) {
            return Numbers.narrow(new BigInteger(name));
        }
        if (major != 3) {
            throw new IOException("a CBOR map key of major type " + major
                    + " is not in CborCodec's type table (keys are strings or integers)");
        }
        return text(name);
    }

    /** Jackson accepts UTF-8-encoded surrogates; CBOR (and cbor2) does not, so neither does this codec. */
    private static String text(String value) throws IOException {
        int at = Text.loneSurrogate(value);
        if (at >= 0) {
            throw new IOException("CBOR text holds the surrogate U+" + String.format("%04X", (int) value.charAt(at))
                    + " at index " + at + ", which is not valid UTF-8");
        }
        return value;
    }

    private static int enter(int depth) throws IOException {
        if (depth >= Limits.MAX_DEPTH) {
            throw new IOException("CBOR item nested deeper than " + Limits.MAX_DEPTH + " levels");
        }
        return depth + 1;
    }

    /** Wraps a decoding failure with the payload, as the api asks. */
    static CodecException failure(String why, Throwable cause, byte[] bytes, int offset, int length) {
        byte[] payload = new byte[Math.max(0, Math.min(length, bytes.length - offset))];
        System.arraycopy(bytes, offset, payload, 0, payload.length);
        return new CodecException("CborCodec cannot decode an item of " + length + " bytes: " + why, cause, payload);
    }
}
