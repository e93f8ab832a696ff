package org.jbilliard.benchmarks.jmh;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Codec;
import org.jbilliard.reference.codec.StandardCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The default codec's encode and decode cost per item type: the work every put and get does in the
 * caller's thread, before and after the pipe.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    /** A small user type that takes the Java serialization path. */
    public record Order(long id, String symbol, double price, int quantity) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** The item type. */
    @Param({"Integer", "String", "byte[64KiB]", "Serializable"})
    public String type;

    private final Codec codec = new StandardCodec();
    private Object item;
    private byte[] encoded;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public CodecBenchmark() {
    }

    /** Builds the item and its encoding. */
    @Setup
    public void setUp() {
        item = switch (type) {
            case "Integer" -> 123_456;
            case "String" -> "a queue item of about forty characters..";
            case "byte[64KiB]" -> new byte[64 * 1024];
            case "Serializable" -> new Order(42L, "JBIL", 101.25, 300);
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
        encoded = codec.encode(item);
    }

    /**
     * Encodes the item.
     *
     * @return the bytes, consumed by JMH
     */
    @Benchmark
    public byte[] encode() {
        return codec.encode(item);
    }

    /**
     * Decodes the item.
     *
     * @return the item, consumed by JMH
     */
    @Benchmark
    public Object decode() {
        return codec.decode(encoded, 0, encoded.length);
    }
}
