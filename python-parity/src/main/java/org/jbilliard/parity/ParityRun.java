package org.jbilliard.parity;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs every scenario on both libraries and judges it, printing one progress line per scenario.
 *
 * <p>When billiard is unavailable every scenario is {@code skipped} with the install hint, or
 * {@code error} when the environment variable {@code CI} is {@code true} (a CI job must not pass
 * silently without its parity half).
 *
 * <p><b>Thread-safety.</b> Runs scenarios one after another in the calling thread.
 */
public final class ParityRun {

    /**
     * The outcome of the parity half.
     *
     * @param verdicts          one per scenario
     * @param unknownDeviations deviations naming no known scenario (a mistake in the file)
     */
    public record Outcome(List<Verdict> verdicts, Set<String> unknownDeviations) {
    }

    private ParityRun() {
    }

    /**
     * Runs the scenarios.
     *
     * @param scenarios     what to run
     * @param billiard      the Python runner, or {@code null} if billiard is unavailable
     * @param missingReason why billiard is unavailable (used when {@code billiard} is null)
     * @param ci            whether a missing billiard is an error
     * @param jbilliard     the Java runner
     * @param deviations    the documented deviations
     * @param progress      where progress lines go
     * @return the verdicts
     */
    public static Outcome run(List<Scenario> scenarios, ScenarioRunner billiard, String missingReason, boolean ci,
                              ScenarioRunner jbilliard, Map<String, Deviation> deviations, PrintStream progress) {
        List<Verdict> verdicts = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        int i = 0;
        for (Scenario s : scenarios) {
            i++;
            ids.add(s.id());
            Verdict v;
            if (billiard == null) {
                String why = "billiard unavailable (" + missingReason + "): " + PythonRunner.INSTALL_HINT;
                v = new Verdict(s, ci ? "error" : "skipped", why, List.of(), Map.of(), Map.of(),
                        deviations.get(s.id()), false, 0, 0);
            } else {
                RawResult py = billiard.run(s);
                RawResult java = jbilliard.run(s);
                v = Comparison.judge(s, py, java, deviations.get(s.id()));
            }
            verdicts.add(v);
            progress.printf(Locale.ROOT, "[parity %2d/%d] %-9s %-44s billiard %5d ms, jbilliard %5d ms%s%n", i,
                    scenarios.size(), v.status(), s.id(), v.pythonMillis(), v.javaMillis(),
                    v.failing() || v.stale() ? "  <- " + v.detail()
                            : v.status().equals("skipped") ? "  (" + shortReason(v.detail()) + ")" : "");
        }
        Set<String> unknown = new TreeSet<>(deviations.keySet());
        unknown.removeAll(ids);
        return new Outcome(verdicts, unknown);
    }

    /** The reason of a skip up to its first colon: the install hint is printed once, in the summary. */
    private static String shortReason(String detail) {
        int colon = detail.indexOf("): ");
        return colon < 0 ? detail : detail.substring(0, colon + 1);
    }
}
