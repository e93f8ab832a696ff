package org.jbilliard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The raw-pipe baseline: rawpipe.c, compiled at run time with the system {@code cc} into the output
 * directory, one pipe of 1 MiB between a forked writer and the reader.
 *
 * <p>Small-int workloads move {@value #SMALL_FRAME}-byte frames (a 4-byte length and the 5 bytes of
 * an encoded Integer), one {@code write} and one exact read each; the 64 KiB workload moves
 * {@value #LARGE_FRAME}-byte frames the same way (the 1 MiB one frames of 4 + 1 + 1 MiB bytes), and
 * both also move the same bytes in 1 MiB blocks without framing (the pipe's ceiling). Used from one
 * thread at a time.
 */
public final class RawPipeBaseline implements Contender {

    /** A length header and an encoded Integer (tag + 4 bytes). */
    public static final int SMALL_FRAME = 4 + 5;
    /** A length header and an encoded 64 KiB byte[] (tag + bytes). */
    public static final int LARGE_FRAME = 4 + 1 + Workload.BYTES_ITEM;
    private static final int BLOCK = 1 << 20;

    private final BenchConfig config;
    private Path binary;
    private int run;

    /**
     * Creates the baseline; {@link #runOnce} compiles the program on first use.
     *
     * @param config the run's configuration
     */
    public RawPipeBaseline(BenchConfig config) {
        this.config = config;
    }

    @Override
    public Impl impl() {
        return Impl.RAW_PIPE;
    }

    @Override
    public Map<Metric, Double> runOnce(Workload workload) throws IOException, InterruptedException {
        int count = workload.count(config.quick());
        Map<Metric, Double> figures = new EnumMap<>(Metric.class);
        switch (workload) {
            case QUEUE_1TO1, SIMPLE_1TO1, JOINABLE_1TO1 ->
                    figures.put(Metric.THROUGHPUT, throughput(run("frames", SMALL_FRAME, count), count));
            case BYTES_64K, BYTES_1M -> {
                int frame = 4 + 1 + workload.itemBytes();
                double msgsPerSecond = throughput(run("frames", frame, count), count);
                figures.put(Metric.THROUGHPUT, msgsPerSecond);
                figures.put(Metric.BANDWIDTH, msgsPerSecond * workload.itemBytes() / 1e6);
                long total = (long) count * workload.itemBytes();
                Map<String, String> bulk = run("bulk", BLOCK, total);
                figures.put(Metric.BANDWIDTH_LARGE_BLOCK, total / ResultLine.number(bulk, "seconds") / 1e6);
            }
            case PINGPONG_SIMPLE, PINGPONG_QUEUE -> {
                Map<String, String> fields = run("pingpong", SMALL_FRAME, count, config.pingPongWarmup());
                figures.put(Metric.RTT_P50, ResultLine.number(fields, "p50_us"));
                figures.put(Metric.RTT_P99, ResultLine.number(fields, "p99_us"));
            }
            default -> throw new IllegalArgumentException("raw-pipe does not run " + workload.id());
        }
        return figures;
    }

    /**
     * Converts a frames result to messages per second.
     *
     * @param fields the parsed result line
     * @param count  the frames sent
     * @return frames per second
     */
    static double throughput(Map<String, String> fields, int count) {
        double msgs = ResultLine.number(fields, "msgs");
        if (msgs != count) {
            throw new IllegalArgumentException("raw-pipe moved " + msgs + " frames, expected " + count);
        }
        return msgs / ResultLine.number(fields, "seconds");
    }

    private Map<String, String> run(String mode, Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), mode));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        String name = "raw-pipe-" + mode + "-" + run++;
        return ResultLine.parse(ExternalCommand.run(command, config.out().resolve("logs"), name,
                config.repetitionTimeout()).stdout());
    }

    private Path binary() throws IOException, InterruptedException {
        if (binary == null) {
            Path dir = config.out().resolve("native");
            Files.createDirectories(dir);
            Path source = dir.resolve("rawpipe.c");
            try (InputStream in = RawPipeBaseline.class.getResourceAsStream("rawpipe.c")) {
                if (in == null) {
                    throw new IOException("rawpipe.c is missing from the class path");
                }
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            Path target = dir.resolve("rawpipe");
            ExternalCommand.run(List.of("cc", "-O2", "-Wall", "-o", target.toString(), source.toString()),
                    config.out().resolve("logs"), "cc-rawpipe", Duration.ofSeconds(60));
            binary = target;
        }
        return binary;
    }
}
