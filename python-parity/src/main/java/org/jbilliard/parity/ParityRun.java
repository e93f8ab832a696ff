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
        return run("parity", "jbilliard", scenarios, billiard, missingReason, ci, jbilliard, deviations::get,
                (s, py, java) -> Comparison.judge(s, py, java, deviations.get(s.id())), deviations.keySet(), progress);
    }

    /**
     * Runs the scenarios on billiard and on the jbilliard Python client, and judges them: a scenario is held
     * to its deviation in {@code pythonDeviations} if it has one, else to the Java context's in
     * {@code javaDeviations} (the Python client deviates as Java does unless documented otherwise). A
     * scenario that agrees with billiard although the Java context documents a deviation agrees, without
     * being stale (the Java deviation is still the Java context's); one that agrees although
     * {@code pythonDeviations} documents a deviation is stale.
     *
     * @param scenarios        what to run
     * @param billiard         the Python runner, or {@code null} if billiard is unavailable
     * @param missingReason    why billiard or the client is unavailable (used when {@code billiard} is null)
     * @param ci               whether a missing billiard is an error
     * @param client           the runner of the Python client
     * @param javaDeviations   the Java context's documented deviations
     * @param pythonDeviations the Python client's own documented deviations
     * @param progress         where progress lines go
     * @return the verdicts; {@link Outcome#unknownDeviations()} names Python deviations of no known scenario
     */
    public static Outcome runPythonClient(List<Scenario> scenarios, ScenarioRunner billiard, String missingReason,
                                          boolean ci, ScenarioRunner client, Map<String, Deviation> javaDeviations,
                                          Map<String, Deviation> pythonDeviations, PrintStream progress) {
        java.util.function.Function<String, Deviation> lookup =
                id -> pythonDeviations.containsKey(id) ? pythonDeviations.get(id) : javaDeviations.get(id);
        return run("python", "client", scenarios, billiard, missingReason, ci, client, lookup, (s, py, client_) -> {
            Deviation own = pythonDeviations.get(s.id());
            Verdict v = Comparison.judge(s, py, client_, own != null ? own : javaDeviations.get(s.id()));
            if (own == null && v.stale()) {
                return new Verdict(s, "agree", "same observations as billiard (the Java context's deviation, BEHAVIOUR"
                        + " row " + v.deviation().row() + ", does not apply to the Python client)", v.differing(),
                        v.billiard(), v.jbilliard(), null, false, v.pythonMillis(), v.javaMillis());
            }
            return v;
        }, pythonDeviations.keySet(), progress);
    }

    /** Judges one scenario from billiard's and the implementation's raw results. */
    private interface Judge {
        Verdict judge(Scenario scenario, RawResult billiard, RawResult implementation);
    }

    private static Outcome run(String tag, String implementation, List<Scenario> scenarios, ScenarioRunner billiard,
                               String missingReason, boolean ci, ScenarioRunner jbilliard,
                               java.util.function.Function<String, Deviation> deviations, Judge judge,
                               Set<String> documented, PrintStream progress) {
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
                        deviations.apply(s.id()), false, 0, 0);
            } else {
                RawResult py = billiard.run(s);
                RawResult java = jbilliard.run(s);
                v = judge.judge(s, py, java);
            }
            verdicts.add(v);
            progress.printf(Locale.ROOT, "[%s %2d/%d] %-9s %-44s billiard %5d ms, %s %5d ms%s%n", tag, i,
                    scenarios.size(), v.status(), s.id(), v.pythonMillis(), implementation, v.javaMillis(),
                    v.failing() || v.stale() ? "  <- " + v.detail()
                            : v.status().equals("skipped") ? "  (" + shortReason(v.detail()) + ")" : "");
        }
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(ids);
        return new Outcome(verdicts, unknown);
    }

    /** The reason of a skip up to its first colon: the install hint is printed once, in the summary. */
    private static String shortReason(String detail) {
        int colon = detail.indexOf("): ");
        return colon < 0 ? detail : detail.substring(0, colon + 1);
    }
}
