package org.jbilliard.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one jbilliard workload alone, with the full run's counts, for profiling: JFR in the children
 * ({@code -XX:StartFlightRecording=...} as the third argument) or {@code perf stat} around this
 * process, whose children it reaps. The harness's repetitions are too short for JFR's sampling in
 * quick mode, and the other implementations would be profiled with it. Prints each repetition's
 * figures; compares nothing, so it proves no performance claim by itself.
 *
 * <pre>
 *   java --enable-native-access=ALL-UNNAMED -cp ... org.jbilliard.benchmarks.ProfileRun \
 *       bytes64k-1to1 2 "-XX:StartFlightRecording=filename=/tmp/jfr/%p.jfr,settings=profile"
 * </pre>
 *
 * <p>Single-threaded.
 */
public final class ProfileRun {

    private ProfileRun() {
    }

    /**
     * Runs the workload.
     *
     * @param args the workload id, the number of repetitions, and optionally the children's JVM
     *             options (space-separated)
     * @throws Exception if a repetition fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ProfileRun <workload> <repetitions> [\"child JVM options\"]");
            System.exit(2);
        }
        Workload workload = Workload.byId(args[0]);
        int repetitions = Integer.parseInt(args[1]);
        List<String> options = args.length == 3 && !args[2].isBlank() ? List.of(args[2].trim().split("\\s+"))
                : List.of();
        BenchConfig config = new BenchConfig(false, Path.of("target", "profile"), BenchConfig.DEFAULT_PYTHON, true,
                Set.of(workload), false, options);
        JbilliardContender contender = new JbilliardContender(config);
        for (int i = 0; i < repetitions; i++) {
            Map<Metric, Double> figures = contender.runOnce(workload);
            System.out.println(workload.id() + " rep " + (i + 1) + "/" + repetitions + " " + figures);
        }
        System.exit(0);
    }
}
