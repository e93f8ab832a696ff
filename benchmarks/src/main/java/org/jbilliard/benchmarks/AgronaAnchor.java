package org.jbilliard.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared-memory anchor: two JVMs moving the same items through Agrona's
 * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer} over a file in {@code /dev/shm}
 * ({@link AgronaAnchorChild} is the program) — what a JVM user picks today for messaging between
 * processes. A baseline, not a jbilliard implementation: it has no crash repair, no capacity count
 * shared by many producers, no deadlines, and no codec beyond a 4-byte int or a copied array.
 *
 * <p>The children are plain JVMs of this harness's {@code java} and class path with the default
 * compiler and collector, plus {@link #JVM_OPTIONS}. Throughput is timed as jbilliard's: both
 * children report {@code READY}, the harness releases them (a line on their standard input) and
 * the clock runs until the consumer's {@code DONE}; ping-pong is timed inside the pinger.
 *
 * <p>Used from one thread at a time. Every child is killed and reaped, and the ring file deleted,
 * before {@link #runOnce} returns or throws.
 */
public final class AgronaAnchor implements Contender {

    /**
     * The children's JVM options. Agrona 2.x uses {@code jdk.internal.misc.Unsafe} (not
     * {@code sun.misc.Unsafe}, so JDK 25's warning about the latter does not apply): without the
     * export its {@code UnsafeBuffer} fails to initialise with an {@code IllegalAccessError}. Bounds
     * checks are off, as latency-minded Agrona users run it.
     */
    public static final List<String> JVM_OPTIONS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dagrona.disable.bounds.checks=true");

    private static final Path SHM = Path.of("/dev/shm");

    private final BenchConfig config;
    private int run;

    /**
     * Creates the anchor.
     *
     * @param config the run's configuration
     */
    public AgronaAnchor(BenchConfig config) {
        this.config = config;
    }

    @Override
    public Impl impl() {
        return Impl.SHM_ANCHOR;
    }

    @Override
    public Map<Metric, Double> runOnce(Workload workload) throws Exception {
        int count = workload.count(config.quick());
        Map<Metric, Double> figures = new EnumMap<>(Metric.class);
        switch (workload) {
            case QUEUE_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(0, count));
            case BYTES_64K, BYTES_1M -> {
                double msgsPerSecond = throughput(workload.itemBytes(), count);
                figures.put(Metric.THROUGHPUT, msgsPerSecond);
                figures.put(Metric.BANDWIDTH, msgsPerSecond * workload.itemBytes() / 1e6);
            }
            case PINGPONG_QUEUE -> {
                Map<String, String> fields = pingPong(count, config.pingPongWarmup());
                figures.put(Metric.RTT_P50, ResultLine.number(fields, "p50_us"));
                figures.put(Metric.RTT_P99, ResultLine.number(fields, "p99_us"));
            }
            default -> throw new IllegalArgumentException(Impl.SHM_ANCHOR.id() + " does not run " + workload.id());
        }
        return figures;
    }

    private double throughput(int itemBytes, int count) throws Exception {
        long deadline = System.nanoTime() + config.repetitionTimeout().toNanos();
        Path file = ringFile(1);
        List<Child> children = new ArrayList<>();
        try {
            String name = "agrona-" + (itemBytes == 0 ? "ints" : itemBytes + "b") + "-" + run++;
            Child consumer = start(children, name + "-consumer", "consumer", file.toString(),
                    String.valueOf(itemBytes), String.valueOf(count));
            Child producer = start(children, name + "-producer", "producer", file.toString(),
                    String.valueOf(itemBytes), String.valueOf(count));
            consumer.expect("READY", deadline);
            producer.expect("READY", deadline);
            long t0 = System.nanoTime();
            consumer.release();
            producer.release();
            String done = consumer.line(deadline);
            long t1 = System.nanoTime();
            if (!done.equals("DONE msgs=" + count)) {
                throw new IOException(Impl.SHM_ANCHOR.id() + ": consumer reported '" + done + "', expected "
                        + count + " items");
            }
            for (Child child : children) {
                child.awaitExit(deadline);
            }
            return count / ((t1 - t0) / 1e9);
        } finally {
            stopAll(children);
            Files.deleteIfExists(file);
        }
    }

    private Map<String, String> pingPong(int count, int warmup) throws Exception {
        long deadline = System.nanoTime() + config.repetitionTimeout().toNanos();
        Path file = ringFile(2);
        List<Child> children = new ArrayList<>();
        try {
            String name = "agrona-pingpong-" + run++;
            start(children, name + "-echo", "echo", file.toString(), String.valueOf(count + warmup));
            Child pinger = start(children, name + "-pinger", "pinger", file.toString(), String.valueOf(count),
                    String.valueOf(warmup));
            Map<String, String> fields = ResultLine.parse(pinger.line(deadline));
            for (Child child : children) {
                child.awaitExit(deadline);
            }
            return fields;
        } finally {
            stopAll(children);
            Files.deleteIfExists(file);
        }
    }

    /** Creates a zero-filled file for {@code rings} rings in /dev/shm (Agrona expects a zeroed ring). */
    private Path ringFile(int rings) throws IOException {
        if (!Files.isDirectory(SHM)) {
            throw new IOException(Impl.SHM_ANCHOR.id() + ": " + SHM + " is missing (the anchor maps its ring there)");
        }
        Path file = SHM.resolve("jbilliard-bench-agrona-" + ProcessHandle.current().pid() + "-" + run);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength((long) rings * AgronaAnchorChild.RING_FILE_BYTES);
        }
        return file;
    }

    private Child start(List<Child> children, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AgronaAnchorChild.class.getName());
        command.addAll(List.of(args));
        Path logs = config.out().resolve("logs");
        Files.createDirectories(logs);
        Path err = logs.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        Child child = new Child(name, process, err);
        children.add(child);
        return child;
    }

    private static void stopAll(List<Child> children) throws InterruptedException {
        for (Child child : children) {
            child.process.destroyForcibly();
        }
        for (Child child : children) {
            child.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A started child: its standard output's lines arrive on a queue, read by a daemon thread. */
    private static final class Child {
        private static final String EOF = "\u0000eof";
        final String name;
        final Process process;
        final Path err;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Child(String name, Process process, Path err) {
            this.name = name;
            this.process = process;
            this.err = err;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process was killed; EOF below says so
                } finally {
                    lines.add(EOF);
                }
            }, "jbilliard-bench-agrona-stdout " + name);
            reader.setDaemon(true);
            reader.start();
        }

        String line(long deadline) throws InterruptedException, IOException, TimeoutException {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new TimeoutException(Impl.SHM_ANCHOR.id() + " " + name + ": no output before the deadline");
            }
            if (line.equals(EOF)) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IOException(Impl.SHM_ANCHOR.id() + " " + name + " ended without a result (exit "
                        + (process.isAlive() ? "unknown" : process.exitValue()) + "); stderr: " + stderr());
            }
            return line;
        }

        void expect(String expected, long deadline) throws InterruptedException, IOException, TimeoutException {
            String line = line(deadline);
            if (!line.equals(expected)) {
                throw new IOException(Impl.SHM_ANCHOR.id() + " " + name + ": expected '" + expected + "', got '"
                        + line + "'");
            }
        }

        void release() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        }

        void awaitExit(long deadline) throws InterruptedException, IOException, TimeoutException {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(Impl.SHM_ANCHOR.id() + " " + name + " did not exit before the deadline");
            }
            if (process.exitValue() != 0) {
                throw new IOException(Impl.SHM_ANCHOR.id() + " " + name + " exited with " + process.exitValue()
                        + "; stderr: " + stderr());
            }
        }

        private String stderr() {
            try {
                String text = Files.readString(err, StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? "(empty)" : text.length() <= 2000 ? text : "…" + text.substring(text.length() - 2000);
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }
    }
}
