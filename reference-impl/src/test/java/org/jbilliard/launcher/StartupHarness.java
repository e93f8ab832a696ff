package org.jbilliard.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jbilliard.reference.process.ReferenceLaunchSupport;
import org.jbilliard.Context;
import org.jbilliard.ProcessOptions;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;

/**
 * Measures process start-up: from {@code Context.process(task)} in the parent to the first statement
 * of the task in the child (both read {@link System#nanoTime()}, which is CLOCK_MONOTONIC on Linux
 * and so comparable across processes), and to the child's exit; and the CPU time the child used
 * until its task ran, which varies less than wall time on a busy machine.
 *
 * <p>Not a test: run it by hand (see the package documentation for the command). Arguments:
 * {@code [iterations] [configuration...]}, iterations defaulting to 30, configurations to
 * {@code default}. A configuration is {@code default} (what children normally get), {@code nocache}
 * (no start-up cache), {@code tiered} (C1 and C2, not C1 only), {@code queue} (default, timed after
 * the task's first {@code put} on a queue it captured) or {@code bare} (the reference point:
 * a plain JVM with the children's options whose main prints at once, no task, no cache). Several configurations are
 * measured in turn within each iteration, so that a machine whose load drifts affects them alike.
 * Missing start-up caches are built first.
 */
public final class StartupHarness {

    private static final Map<String, Map<String, String>> CONFIGURATIONS = Map.of(
            "default", Map.of(),
            "nocache", Map.of(StartupCache.PROPERTY, "off"),
            "tiered", Map.of(ChildCommand.C1_ONLY_PROPERTY, "false"),
            "queue", Map.of("(default, and the task's first statement is a put on a queue it captured)", ""),
            "bare", Map.of("(a plain JVM running a main that prints, same start-up options, no cache)", ""));

    private StartupHarness() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<String> names = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("default");
        for (String name : names) {
            if (!CONFIGURATIONS.containsKey(name)) {
                throw new IllegalArgumentException("unknown configuration " + name + ", use " + CONFIGURATIONS.keySet());
            }
        }
        Context context = new ReferenceContext();
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        for (String name : names) {
            apply(name);
            awaitCache();
            for (int i = 0; i < 3; i++) {
                measure(context, name); // warm the parent's own launch path and the page cache
            }
            samples.put(name, new ArrayList<>());
        }
        for (int i = 0; i < iterations; i++) {
            for (String name : names) {
                apply(name);
                samples.get(name).add(measure(context, name));
            }
        }
        System.out.printf("child start-up, %d runs per configuration, %s, %d CPUs%n", iterations,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, List<long[]>> entry : samples.entrySet()) {
            System.out.println(entry.getKey() + " " + CONFIGURATIONS.get(entry.getKey()));
            System.out.println("  process() -> task running: " + summary(entry.getValue(), 0));
            System.out.println("  process() -> child reaped: " + summary(entry.getValue(), 1));
            System.out.println("  child CPU time until the task runs: " + summary(entry.getValue(), 2));
        }
        System.out.println("load average at the end: " + loadAverage());
    }

    private static void apply(String name) {
        System.clearProperty(StartupCache.PROPERTY);
        System.clearProperty(ChildCommand.C1_ONLY_PROPERTY);
        if (!name.equals("bare") && !name.equals("queue")) {
            CONFIGURATIONS.get(name).forEach(System::setProperty);
        }
    }

    /** The reference point: a JVM with the children's options whose main prints at once. */
    public static final class Bare {
        private Bare() {
        }

        public static void main(String[] args) {
            System.out.println("running " + System.nanoTime() + " "
                    + ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L));
        }
    }

    private static long[] measureBare() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ParentJvm.javaExecutable());
        command.addAll(ChildCommand.startupFlags(List.of()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bare.class.getName()));
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            process.waitFor();
            long exited = System.nanoTime();
            String[] fields = out.split(" ");
            return new long[] {Long.parseLong(fields[1]) - begin, exited - begin, Long.parseLong(fields[2])};
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static void awaitCache() throws Exception {
        if ("off".equals(System.getProperty(StartupCache.PROPERTY))) {
            return;
        }
        List<String> flags = ChildCommand.startupFlags(List.of());
        if (StartupCache.lookup(flags, null, ReferenceLaunchSupport.INSTANCE).isPresent()) {
            return;
        }
        System.out.println("building the start-up cache for " + flags + " ...");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (StartupCache.lookup(flags, null, ReferenceLaunchSupport.INSTANCE).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the start-up cache was not built within 3 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static long[] measure(Context context, String configuration) throws Exception {
        if (configuration.equals("bare")) {
            return measureBare();
        }
        if (configuration.equals("queue")) {
            return measureWithQueue(context);
        }
        long begin = System.nanoTime();
        try (TaskProcess child = context.process(() -> System.out.println("running " + System.nanoTime() + " "
                        + ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L)),
                ProcessOptions.defaults().withCapturedOutput(true))) {
            child.start();
            child.join();
            long exited = System.nanoTime();
            String out = child.capturedStdout().trim();
            if (!out.startsWith("running ") || child.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException("child failed: " + out + " / " + child.capturedStderr());
            }
            String[] fields = out.split(" ");
            return new long[] {Long.parseLong(fields[1]) - begin, exited - begin, Long.parseLong(fields[2])};
        }
    }

    private static long[] measureWithQueue(Context context) throws Exception {
        try (org.jbilliard.Queue<String> queue = context.queue()) {
            long begin = System.nanoTime();
            try (TaskProcess child = context.process(() -> {
                queue.put("put");
                System.out.println("running " + System.nanoTime() + " "
                        + ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L));
            }, ProcessOptions.defaults().withCapturedOutput(true))) {
                child.start();
                queue.get(Duration.ofMinutes(1));
                child.join();
                long exited = System.nanoTime();
                String out = child.capturedStdout().trim();
                if (!out.startsWith("running ") || child.exitCode().orElse(-1) != 0) {
                    throw new IllegalStateException("child failed: " + out + " / " + child.capturedStderr());
                }
                String[] fields = out.split(" ");
                return new long[] {Long.parseLong(fields[1]) - begin, exited - begin, Long.parseLong(fields[2])};
            }
        }
    }

    private static String summary(List<long[]> samples, int field) {
        List<Long> sorted = new ArrayList<>();
        for (long[] sample : samples) {
            sorted.add(sample[field]);
        }
        Collections.sort(sorted);
        return String.format("p50 %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms",
                millis(sorted.get(sorted.size() / 2)), millis(sorted.get((int) (sorted.size() * 0.9))),
                millis(sorted.get(0)), millis(sorted.get(sorted.size() - 1)));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
