package org.jbilliard.benchmarks;

/**
 * The benchmark harness's entry point, run by {@code ./mvnw -B -Pbench verify}: see {@link BenchConfig#parse}
 * for the arguments and {@link BenchRun} for what a run does.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the benchmarks and exits with 0, or 1 if something could not be measured (after writing
     * the outputs), or 2 on bad arguments.
     *
     * @param args {@code --quick=BOOL --out=DIR --fail-on-error=BOOL --only=LIST}
     * @throws Exception if the outputs cannot be written
     */
    public static void main(String[] args) throws Exception {
        BenchConfig config;
        try {
            config = BenchConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("jbilliard benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        // NOTE: before anything reads java.io.tmpdir (JMH's lock file, the queues' directories).
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        System.exit(new BenchRun(config).run());
    }
}
