package org.jbilliard.codecs;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;

/**
 * Encodes items as CBOR (RFC 8949), which Python reads with {@code cbor2} and the {@code jbilliard}
 * Python package: the codec for a queue with participants in both languages.
 *
 * <p>What each value becomes is the type table in the {@linkplain org.jbilliard.codecs package
 * documentation}. In short: null, booleans, integers of any size, floats, {@code BigDecimal},
 * strings, {@code byte[]}, lists and arrays, sets, maps with string or integer keys (order kept)
 * and records (as maps). Anything else, a string with a lone surrogate, a map whose keys collide in
 * Python, or an item nested deeper than 250 levels fails in {@link #encode(Object)}, so that
 * {@code put} throws {@link CodecException} before anything is enqueued.
 *
 * <p><b>Round trip.</b> Numbers and containers round-trip by value, not by Java type, because CBOR
 * and Python do not record a Java type: an integer comes back as the narrowest of {@code Integer},
 * {@code Long} and {@code BigInteger}; a {@code Float} as a {@code Double}; a {@code Character} as
 * a {@code String}; an array as an {@code ArrayList}; a record as a {@code LinkedHashMap}. A
 * {@code Queue<Integer>} of Java producers and consumers therefore works unchanged; declare
 * {@code Queue<Object>} (or {@code Queue<Number>}) where other types or Python producers are
 * involved.
 *
 * <p><b>Thread-safety.</b> Immutable and stateless; all instances are equal and may be shared.
 */
public final class CborCodec implements Codec {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The id recorded by a queue that uses this codec; the Python package uses the same. */
    public static final String ID = "cbor";

    /** Jackson's factory is thread-safe and costly to build: one per class loader. */
    private static final CBORFactory FACTORY = CBORFactory.builder()
            // RFC 8949 negative big integers (-1 - n), as cbor2 writes them; Jackson's default is its own.
            .enable(CBORGenerator.Feature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            .enable(com.fasterxml.jackson.dataformat.cbor.CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            // A simple value other than false/true/null/undefined must not pass for an integer.
            .enable(com.fasterxml.jackson.dataformat.cbor.CBORParser.Feature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
            // Items up to the context's maxItemBytes: no length limit of Jackson's own. Nesting is
            // checked by this codec with its own message; Jackson's bound only has to be above it.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Limits.MAX_DEPTH + 10)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(Limits.MAX_DEPTH + 10)
                    .build())
            .build();

    /** Creates the codec; all instances behave identically. */
    public CborCodec() {
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
     * Encodes an item as one CBOR data item.
     *
     * @param item the item, possibly {@code null}
     * @return the CBOR bytes
     * @throws CodecException if the item is outside the type table; the message names the type and
     *                        where in the item it was found
     */
    @Override
    public byte[] encode(Object item) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        try (CBORGenerator out = FACTORY.createGenerator(buffer)) {
            new CborWriter(out).write(item, 0);
        } catch (Refusal r) {
            throw r.toCodecException("CborCodec");
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("CborCodec cannot encode an item of type "
                    + (item == null ? "null" : item.getClass().getName()) + ": " + e, e);
        }
        return buffer.toByteArray();
    }

    /**
     * Decodes one CBOR data item.
     *
     * @param bytes  the buffer
     * @param offset where the item starts
     * @param length how many bytes it has
     * @return the item, typed as the package documentation's table says
     * @throws CodecException if the bytes are not exactly one CBOR data item of the type table
     */
    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new CodecException("CborCodec cannot decode: range " + offset + "+" + length
                    + " outside a buffer of " + bytes.length + " bytes", null, new byte[0]);
        }
        try (CBORParser in = FACTORY.createParser(bytes, offset, length)) {
            if (in.nextToken() == null) {
                throw CborReader.failure("no data item", null, bytes, offset, length);
            }
            Object item = new CborReader(in, bytes, offset).read(0);
            JsonToken trailing = in.nextToken();
            if (trailing != null) {
                throw CborReader.failure("bytes follow the data item (" + trailing + ")", null, bytes, offset, length);
            }
            return item;
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw CborReader.failure(e.getMessage(), e, bytes, offset, length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CborCodec;
    }

    @Override
    public int hashCode() {
        return ID.hashCode();
    }

    @Override
    public String toString() {
        return "CborCodec";
    }
}
