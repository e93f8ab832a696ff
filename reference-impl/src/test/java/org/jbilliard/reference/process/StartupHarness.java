package org.jbilliard.reference.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jbilliard.Context;
import org.jbilliard.ProcessOptions;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;

/**
 * Measures process start-up: from {@code Context.process(task)} in the parent to the first statement
 * of the task in the child (both read {@link System#nanoTime()}, which is CLOCK_MONOTONIC on Linux
 * and so comparable across processes), and to the child's exit.
 *
 * <p>Not a test: run it by hand (see the package documentation for the command). Arguments:
 * {@code [iterations]} (default 30). The child options are those of a normal run; the system
 * properties {@code jbilliard.process.startupCache=off} and {@code jbilliard.process.c1Only=false}
 * measure without the cache or with tiered compilation. When the cache is enabled but not yet built,
 * the harness builds it first and says so.
 */
public final class StartupHarness {

    private StartupHarness() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Context context = new ReferenceContext();
        boolean cacheWanted = !"off".equals(System.getProperty(StartupCache.PROPERTY));
        if (cacheWanted) {
            awaitCache();
        }
        for (int i = 0; i < 3; i++) {
            measure(context); // warm the parent's own launch path and the page cache
        }
        List<Long> toRunning = new ArrayList<>();
        List<Long> toExit = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            long[] sample = measure(context);
            toRunning.add(sample[0]);
            toExit.add(sample[1]);
        }
        System.out.printf("child start-up, %d runs, startupCache=%s, c1Only=%s, %s%n", iterations,
                cacheWanted ? "on" : "off", !"false".equals(System.getProperty(ChildCommand.C1_ONLY_PROPERTY)),
                Runtime.version());
        System.out.println("  process() -> task running: " + summary(toRunning));
        System.out.println("  process() -> child reaped: " + summary(toExit));
    }

    private static void awaitCache() throws Exception {
        List<String> flags = ChildCommand.startupFlags(List.of());
        if (StartupCache.lookup(flags).isPresent()) {
            return;
        }
        System.out.println("building the start-up cache (once per JDK and option set)...");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (StartupCache.lookup(flags).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the start-up cache was not built within 3 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static long[] measure(Context context) throws Exception {
        long begin = System.nanoTime();
        try (TaskProcess child = context.process(() -> System.out.println("running " + System.nanoTime()),
                ProcessOptions.defaults().withCapturedOutput(true))) {
            child.start();
            child.join();
            long exited = System.nanoTime();
            String out = child.capturedStdout().trim();
            if (!out.startsWith("running ") || child.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException("child failed: " + out + " / " + child.capturedStderr());
            }
            long running = Long.parseLong(out.substring("running ".length()));
            return new long[] {running - begin, exited - begin};
        }
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("p50 %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms",
                millis(sorted.get(sorted.size() / 2)), millis(sorted.get((int) (sorted.size() * 0.9))),
                millis(sorted.get(0)), millis(sorted.get(sorted.size() - 1)));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

}
