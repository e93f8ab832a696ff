package org.jbilliard.codecs;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one item as one CBOR data item, following {@link CborCodec}'s type table; refuses anything
 * outside the table with a {@link Refusal} naming the type and where it was found.
 *
 * <p><b>Thread-safety.</b> One instance per encode call; not shared.
 */
final class CborWriter {

    /** CBOR tag for a set (IANA registry, "Sets for CBOR"); cbor2 reads and writes it. */
    static final int TAG_SET = 258;

    private final CBORGenerator out;

    CborWriter(CBORGenerator out) {
        this.out = out;
    }

    void write(Object item, int depth) throws IOException {
        if (item == null) {
            out.writeNull();
        } else if (item instanceof Boolean) {
            out.writeBoolean((Boolean) item);
        } else if (item instanceof Integer || item instanceof Short || item instanceof Byte) {
            out.writeNumber(((Number) item).intValue());
        } else if (item instanceof Long) {
            out.writeNumber((long) (Long) item);
        } else if (item instanceof BigInteger) {
            BigInteger value = (BigInteger) item;
            if (Numbers.fitsLong(value)) {
                out.writeNumber(value.longValue());
            } else {
                out.writeNumber(value);
            }
        } else if (item instanceof Double) {
            out.writeNumber((double) (Double) item);
        } else if (item instanceof Float) {
            out.writeNumber((float) (Float) item);
        } else if (item instanceof BigDecimal) {
            out.writeNumber((BigDecimal) item);
        } else if (item instanceof String) {
            out.writeString(checkText((String) item));
        } else if (item instanceof Character) {
            out.writeString(checkText(item.toString()));
        } else if (item instanceof byte[]) {
            byte[] bytes = (byte[]) item;
            out.writeBinary(bytes, 0, bytes.length);
        } else if (item instanceof ByteBuffer) {
            ByteBuffer view = ((ByteBuffer) item).duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            out.writeBinary(bytes, 0, bytes.length);
        } else if (item instanceof Map) {
            writeMap((Map<?, ?>) item, depth);
        } else if (item instanceof Set) {
            Set<?> set = (Set<?>) item;
            PythonKeys.checkDistinct(set);
            out.writeTag(TAG_SET);
            writeArray(set.toArray(), depth);
        } else if (item instanceof Collection) {
            writeArray(((Collection<?>) item).toArray(), depth);
        } else if (item instanceof Object[]) {
            writeArray((Object[]) item, depth);
        } else if (item.getClass().isArray() && item.getClass().getComponentType().isPrimitive()
                && item.getClass() != char[].class) {
            Object[] boxed = new Object[Array.getLength(item)];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = Array.get(item, i);
            }
            writeArray(boxed, depth);
        } else if (item instanceof Record) {
            writeRecord((Record) item, depth);
        } else {
            throw new Refusal("an item of type " + item.getClass().getName() + ": CBOR carries null, booleans,"
                    + " integers, floats, BigDecimal, strings, byte[], lists, arrays, sets, maps and records (see the"
                    + " codecs package documentation); convert it to one of these first", true);
        }
    }

    private void writeArray(Object[] elements, int depth) throws IOException {
        int inner = enter(depth);
        out.writeStartArray(elements, elements.length);
        for (int i = 0; i < elements.length; i++) {
            try {
                write(elements[i], inner);
            } catch (Refusal r) {
                throw r.at("[" + i + "]");
            }
        }
        out.writeEndArray();
    }

    private void writeMap(Map<?, ?> map, int depth) throws IOException {
        int inner = enter(depth);
        // A snapshot first: the size written up front must be the number of entries that follow.
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        Map<Object, Object> keys = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries) {
            keys.put(entry.getKey(), Boolean.TRUE);
        }
        PythonKeys.checkDistinct(keys);
        out.writeStartObject(map, entries.size());
        for (Map.Entry<?, ?> entry : entries) {
            Object key = entry.getKey();
            if (key instanceof String) {
                out.writeFieldName(checkText((String) key));
            } else if (key instanceof Integer || key instanceof Long || key instanceof Short || key instanceof Byte
                    || key instanceof BigInteger && Numbers.fitsLong((BigInteger) key)) {
                out.writeFieldId(((Number) key).longValue());
            } else {
                throw new Refusal("a map key of type " + (key == null ? "null" : key.getClass().getName())
                        + ": map keys are strings or integers in the signed 64-bit range", true);
            }
            try {
                write(entry.getValue(), inner);
            } catch (Refusal r) {
                throw r.at(key instanceof String ? "['" + key + "']" : "[" + key + "]");
            }
        }
        out.writeEndObject();
    }

    private void writeRecord(Record record, int depth) throws IOException {
        int inner = enter(depth);
        RecordComponent[] components = record.getClass().getRecordComponents();
        out.writeStartObject(record, components.length);
        for (RecordComponent component : components) {
            Object value;
            try {
                java.lang.reflect.Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new Refusal("component " + component.getName() + " of record "
                        + record.getClass().getName() + ", which cannot be read: " + e, true, e);
            }
            out.writeFieldName(component.getName());
            try {
                write(value, inner);
            } catch (Refusal r) {
                throw r.at("." + component.getName());
            }
        }
        out.writeEndObject();
    }

    private static int enter(int depth) {
        if (depth >= Limits.MAX_DEPTH) {
            throw new Refusal("an item nested deeper than " + Limits.MAX_DEPTH
                    + " levels (a list or map that contains itself?)", false);
        }
        return depth + 1;
    }

    private static String checkText(String value) {
        int at = Text.loneSurrogate(value);
        if (at >= 0) {
            throw new Refusal("a string with a lone surrogate U+" + String.format("%04X", (int) value.charAt(at))
                    + " at index " + at + ": CBOR text is UTF-8, which has no form for it (send the text as byte[],"
                    + " or use PickleCodec)", true);
        }
        return value;
    }
}
