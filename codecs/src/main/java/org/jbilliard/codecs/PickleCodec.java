package org.jbilliard.codecs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serial;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Pickler;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;

/**
 * Encodes items as Python pickles, for teams whose Python side already sends and expects pickles
 * (billiard's own format). Built on {@code net.razorvine:pickle}. Opt-in: give it to the queue
 * explicitly.
 *
 * <p><b>Security.</b> Unpickling in Python runs code chosen by whoever wrote the pickle: a
 * participant that can put an item on the queue can run any program in every Python process that
 * gets it. Use this codec only between parties that trust each other completely, on a server that
 * only they can reach. (This Java decoder runs no code: an object of a Python class becomes a map of
 * its attributes.) Prefer {@link CborCodec} otherwise.
 *
 * <p>What each value becomes is the type table in the {@linkplain org.jbilliard.codecs package
 * documentation}: Java writes pickle protocol 2 (with protocol 3's {@code bytes} opcodes, which
 * every Python 3 reads), and reads the protocols 2 to 5 that Python writes. Anything outside the
 * table, a Python-unhashable map key, keys that collide in Python, or an item nested deeper than 250
 * levels fails in {@link #encode(Object)}, so that {@code put} throws {@link CodecException} before
 * anything is enqueued.
 *
 * <p><b>Round trip.</b> By value, as for {@link CborCodec}: integers come back as the narrowest of
 * {@code Integer}, {@code Long}, {@code BigInteger}; {@code Float} as {@code Double}; lists and
 * collections as {@code ArrayList}; {@code Object[]} as {@code Object[]} (a tuple); sets as a
 * {@code HashSet}; maps and records as a {@code LinkedHashMap}.
 *
 * <p><b>Thread-safety.</b> Immutable and stateless; all instances are equal and may be shared.
 */
public final class PickleCodec implements Codec {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The id recorded by a queue that uses this codec; the Python package uses the same. */
    public static final String ID = "pickle";

    /** Creates the codec; all instances behave identically. */
    public PickleCodec() {
    }

    /**
     * Returns {@value #ID}.
     *
     * @return {@value #ID}
     */
    @Override
    public String id() {
        return ID;
    }

    /**
     * Pickles an item.
     *
     * @param item the item, possibly {@code null}
     * @return the pickle
     * @throws CodecException if the item is outside the type table; the message names the type and
     *                        where in the item it was found
     */
    @Override
    public byte[] encode(Object item) {
        Object graph;
        try {
            graph = PickleGraph.copy(item, 0);
        } catch (Refusal r) {
            throw r.toCodecException("PickleCodec");
        }
        // No memo: the library's memo matches objects by hashCode, so two different but equal
        // objects would come out as one shared Python object.
        try {
            return new TablePickler().dumps(graph);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("PickleCodec cannot encode an item of type "
                    + (item == null ? "null" : item.getClass().getName()) + ": " + e, e);
        }
    }

    /**
     * Unpickles an item; no code runs.
     *
     * @param bytes  the buffer
     * @param offset where the pickle starts
     * @param length how many bytes it has
     * @return the item
     * @throws CodecException if the bytes are not a pickle this library reads
     */
    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new CodecException("PickleCodec cannot decode: range " + offset + "+" + length
                    + " outside a buffer of " + bytes.length + " bytes", null, new byte[0]);
        }
        OrderedUnpickler unpickler = new OrderedUnpickler();
        try (ByteArrayInputStream in = new ByteArrayInputStream(bytes, offset, length)) {
            Object item = unpickler.load(in);
            if (in.available() > 0) {
                throw new PickleException(in.available() + " bytes follow the pickle's STOP");
            }
            return item;
        } catch (IOException | RuntimeException e) {
            byte[] payload = new byte[length];
            System.arraycopy(bytes, offset, payload, 0, length);
            throw new CodecException("PickleCodec cannot decode an item of " + length + " bytes: " + e, e, payload);
        } finally {
            unpickler.close();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PickleCodec;
    }

    @Override
    public int hashCode() {
        return ID.hashCode();
    }

    @Override
    public String toString() {
        return "PickleCodec";
    }

    /**
     * The library's pickler, writing {@link PickleGraph}'s wrappers: {@code bytes} with
     * {@code SHORT_BINBYTES}/{@code BINBYTES} and surrogate-carrying text with {@code BINUNICODE};
     * and {@code BigDecimal} with its exponent kept.
     * Not thread-safe; one per encode call.
     */
    private static final class TablePickler extends Pickler {

        TablePickler() {
            super(false);
        }

        @Override
        protected IObjectPickler getCustomPickler(Class<?> type) {
            if (type == PickleGraph.PyBytes.class) {
                return TablePickler::writeBytes;
            }
            if (type == PickleGraph.PyText.class) {
                return TablePickler::writeText;
            }
            if (type == java.math.BigDecimal.class) {
                return TablePickler::writeDecimal;
            }
            return null;
        }

        private static void writeBytes(Object o, OutputStream out, Pickler pickler) throws IOException {
            byte[] bytes = ((PickleGraph.PyBytes) o).value();
            if (bytes.length < 256) {
                out.write(Opcodes.SHORT_BINBYTES);
                out.write(bytes.length);
            } else {
                out.write(Opcodes.BINBYTES);
                out.write(PickleUtils.integer_to_bytes(bytes.length));
            }
            out.write(bytes);
        }

        /**
         * The library writes {@code toEngineeringString()}, which changes the exponent (1E-7 becomes
         * 100E-9, a different {@code Decimal} in Python and a different scale in Java); the plain
         * {@code toString()} keeps both.
         */
        private static void writeDecimal(Object o, OutputStream out, Pickler pickler) throws IOException {
            out.write(Opcodes.GLOBAL);
            out.write("decimal\nDecimal\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] text = o.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.write(Opcodes.BINUNICODE);
            out.write(PickleUtils.integer_to_bytes(text.length));
            out.write(text);
            out.write(Opcodes.TUPLE1);
            out.write(Opcodes.REDUCE);
        }

        private static void writeText(Object o, OutputStream out, Pickler pickler) throws IOException {
            byte[] encoded = Text.utf8SurrogatePass(((PickleGraph.PyText) o).value());
            out.write(Opcodes.BINUNICODE);
            out.write(PickleUtils.integer_to_bytes(encoded.length));
            out.write(encoded);
        }
    }
}
