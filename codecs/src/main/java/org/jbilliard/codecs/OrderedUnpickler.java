package org.jbilliard.codecs;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * The library's unpickler with three corrections for items that come from Python: integers are
 * the narrowest of Integer, Long and BigInteger whatever opcode carried them; a dict keeps its
 * insertion order (the library builds a {@code HashMap}), and a string with lone surrogates, which
 * pickle writes in {@code surrogatepass} UTF-8, keeps them (the library would replace them with
 * U+FFFD).
 *
 * <p>Like the library's, it runs no code: a Python object of a class it does not know becomes a
 * {@code ClassDict} (a map of its attributes with a {@code "__class__"} entry).
 *
 * <p><b>Thread-safety.</b> Not thread-safe; one instance per decode call.
 */
final class OrderedUnpickler extends Unpickler {

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        checkLength(key);
        switch (key) {
            case Opcodes.EMPTY_DICT:
                stack.add(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            case Opcodes.DICT: {
                List<Object> top = stack.pop_all_since_marker();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i + 1 < top.size(); i += 2) {
                    map.put(top.get(i), top.get(i + 1));
                }
                stack.add(map);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS: {
                List<Object> top = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < top.size(); i += 2) {
                    map.put(top.get(i), top.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD: {
                // The library looks __setstate__ up by the state's exact class, HashMap; the ordered
                // dicts built above are LinkedHashMaps, so hand it a HashMap copy.
                Object state = stack.pop();
                if (state instanceof Map && state.getClass() != HashMap.class) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> attributes = (Map<String, Object>) state;
                    state = new HashMap<>(attributes);
                }
                stack.add(state);
                return super.dispatch(key);
            }
            case Opcodes.LONG:
            case Opcodes.LONG1:
            case Opcodes.LONG4:
            case Opcodes.INT: {
                // The library returns a Long or BigInteger for these even when the value is small;
                // the type table's integers are the narrowest type that holds them.
                Object result = super.dispatch(key);
                Object value = stack.pop();
                if (value instanceof Long) {
                    value = Numbers.narrow((Long) value);
                } else if (value instanceof java.math.BigInteger) {
                    value = Numbers.narrow((java.math.BigInteger) value);
                }
                stack.add(value);
                return result;
            }
            case Opcodes.BINUNICODE:
                return text(PickleUtils.bytes_to_integer(PickleUtils.readbytes(input, 4)) & 0xffffffffL);
            case Opcodes.SHORT_BINUNICODE:
                return text(PickleUtils.readbyte(input));
            case Opcodes.BINUNICODE8:
                return text(PickleUtils.bytes_to_long(PickleUtils.readbytes(input, 8), 0));
            default:
                return super.dispatch(key);
        }
    }

    /**
     * Refuses an opcode whose length prefix claims more bytes than the item has, before the library
     * allocates an array of that length: a corrupt or hostile 4-byte prefix would otherwise allocate
     * up to 2 GiB.
     */
    private void checkLength(short key) throws IOException {
        int width;
        switch (key) {
            case Opcodes.BINBYTES:
            case Opcodes.BINSTRING:
            case Opcodes.BINUNICODE:
            case Opcodes.LONG4:
                width = 4;
                break;
            case Opcodes.BINUNICODE8:
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                width = 8;
                break;
            default:
                return;
        }
        input.mark(width);
        byte[] prefix = PickleUtils.readbytes(input, width);
        input.reset();
        long length = width == 4 ? PickleUtils.bytes_to_integer(prefix) & 0xffffffffL
                : PickleUtils.bytes_to_long(prefix, 0);
        if (length < 0 || length > input.available() - width) {
            throw new PickleException("opcode 0x" + Integer.toHexString(key) + " announces " + length
                    + " bytes, but only " + (input.available() - width) + " follow: the pickle is truncated or corrupt");
        }
    }

    private Object text(long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new PickleException("string of " + length + " bytes is too long for a Java string");
        }
        byte[] data = PickleUtils.readbytes(input, (int) length);
        try {
            stack.add(Text.decodeSurrogatePass(data, 0, data.length));
        } catch (IllegalArgumentException e) {
            throw new PickleException("a pickled string is not UTF-8: " + e.getMessage());
        }
        return NO_RETURN_VALUE;
    }
}
