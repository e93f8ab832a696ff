package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges one scenario from the two raw results and the deviations file.
 *
 * <ul>
 *   <li>billiard not run (missing) → {@code skipped};</li>
 *   <li>either run in error, or jbilliard cut off → {@code error};</li>
 *   <li>billiard cut off as a whole → {@code deviation} if documented with {@code billiard_hangs},
 *       else {@code differ};</li>
 *   <li>equal views → {@code agree} (flagged stale if a deviation is documented);</li>
 *   <li>differing views all allowed by the documented deviation, and jbilliard showing the values it
 *       names → {@code deviation}; anything else → {@code differ}.</li>
 * </ul>
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * Judges a scenario.
     *
     * @param scenario  the scenario
     * @param billiard  billiard's result
     * @param jbilliard jbilliard's result
     * @param deviation the documented deviation, or {@code null}
     * @return the verdict
     */
    public static Verdict judge(Scenario scenario, RawResult billiard, RawResult jbilliard, Deviation deviation) {
        long py = billiard.elapsedMillis();
        long java = jbilliard == null ? 0 : jbilliard.elapsedMillis();
        if ("skipped".equals(billiard.status())) {
            return new Verdict(scenario, "skipped", billiard.message(), List.of(), Map.of(), Map.of(), deviation,
                    false, py, java);
        }
        if ("error".equals(billiard.status())) {
            return new Verdict(scenario, "error", "billiard run failed: " + firstLine(billiard.message()),
                    List.of(), Map.of(), views(scenario, jbilliard), deviation, false, py, java);
        }
        if (jbilliard == null || !jbilliard.completed()) {
            String why = jbilliard == null ? "not run" : jbilliard.status() + ": " + firstLine(jbilliard.message());
            return new Verdict(scenario, "error", "jbilliard run did not complete (" + why + ")", List.of(),
                    views(scenario, billiard), Map.of(), deviation, false, py, java);
        }
        Map<String, Object> jViews = Views.compute(scenario, jbilliard);
        if ("hang".equals(billiard.status())) {
            if (deviation != null && deviation.billiardHangs() && javaMatches(deviation, jViews).isEmpty()) {
                return new Verdict(scenario, "deviation", "billiard: hangs — known defect (BEHAVIOUR row "
                        + deviation.row() + "); jbilliard recovers", List.of("*"), Map.of(), jViews, deviation,
                        false, py, java);
            }
            return new Verdict(scenario, "differ", billiard.message() + "; jbilliard completed", List.of("*"),
                    Map.of(), jViews, deviation, false, py, java);
        }
        Map<String, Object> pViews = Views.compute(scenario, billiard);
        List<String> differing = new ArrayList<>();
        for (String name : pViews.keySet()) {
            if (!Values.canonical(pViews.get(name)).equals(Values.canonical(jViews.get(name)))) {
                differing.add(name);
            }
        }
        if (differing.isEmpty()) {
            if (deviation != null) {
                return new Verdict(scenario, "agree", "documented deviation (BEHAVIOUR row " + deviation.row()
                        + ") no longer differs: stale", differing, pViews, jViews, deviation, true, py, java);
            }
            return new Verdict(scenario, "agree", "same observations", differing, pViews, jViews, null, false, py, java);
        }
        if (deviation == null) {
            return new Verdict(scenario, "differ", "undocumented difference in " + differing, differing, pViews,
                    jViews, null, false, py, java);
        }
        // Deviation.parseAll guarantees a view list, each view pinned.
        List<String> outside = new ArrayList<>(differing);
        outside.removeAll(deviation.views());
        List<String> wrongJava = javaMatches(deviation, jViews);
        if (!outside.isEmpty() || !wrongJava.isEmpty()) {
            return new Verdict(scenario, "differ", "differs beyond its documented deviation: "
                    + (outside.isEmpty() ? "" : "views " + outside + " not covered; ")
                    + (wrongJava.isEmpty() ? "" : "jbilliard does not show the documented " + wrongJava),
                    differing, pViews, jViews, deviation, false, py, java);
        }
        String hangs = Json.write(pViews).contains("\"hang\":true") && !Json.write(jViews).contains("\"hang\":true")
                ? "billiard: hangs — known defect (cut off after its bound); jbilliard recovers. " : "";
        return new Verdict(scenario, "deviation", hangs + "documented deviation, BEHAVIOUR row " + deviation.row() + ": "
                + deviation.reason(), differing, pViews, jViews, deviation, false, py, java);
    }

    private static List<String> javaMatches(Deviation deviation, Map<String, Object> jViews) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> e : deviation.java().entrySet()) {
            if (!Values.canonical(e.getValue()).equals(Values.canonical(jViews.get(e.getKey())))) {
                wrong.add(e.getKey());
            }
        }
        return wrong;
    }

    private static Map<String, Object> views(Scenario scenario, RawResult result) {
        return result != null && result.completed() ? Views.compute(scenario, result) : Map.of();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String trimmed = message.strip();
        String[] lines = trimmed.split("\n");
        // a Python traceback's last line says what failed; a Java stack trace's first line does
        return trimmed.startsWith("Traceback") ? lines[lines.length - 1] : lines[0];
    }
}
