package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberate, documented difference between billiard and jbilliard in one scenario, read from
 * {@code deviations.json}: the scenario, the BEHAVIOUR row that decides it, the reason, and
 * optionally which views may differ and what jbilliard must show in them.
 *
 * <p><b>Thread-safety.</b> Immutable; {@link #parseAll(String)} throws {@link IllegalArgumentException}
 * for a malformed file.
 *
 * @param scenario       the scenario id
 * @param row            the BEHAVIOUR.md row
 * @param reason         why jbilliard differs
 * @param views          the views allowed to differ (empty = any)
 * @param java           view name to the value jbilliard must show there (may be empty)
 * @param billiardHangs  whether billiard is expected to hang as a whole (the run is cut off)
 */
public record Deviation(String scenario, int row, String reason, List<String> views,
                        Map<String, Object> java, boolean billiardHangs) {

    /**
     * Reads a deviations file: {@code {"deviations": [...]}}.
     *
     * @param text the file's content
     * @return scenario id to deviation
     * @throws IllegalArgumentException if malformed or a scenario is listed twice
     */
    public static Map<String, Deviation> parseAll(String text) {
        Map<String, Deviation> all = new HashMap<>();
        for (Object o : Scenario.list(Json.parseObject(text), "deviations")) {
            Map<String, Object> d = Scenario.asMap(o, "deviation");
            String scenario = (String) d.get("scenario");
            Object row = d.get("row");
            Object reason = d.get("reason");
            if (scenario == null || !(row instanceof Number) || !(reason instanceof String r) || r.isBlank()) {
                throw new IllegalArgumentException("a deviation needs scenario, row and reason: " + Json.write(d));
            }
            List<String> views = new ArrayList<>();
            for (Object v : Scenario.list(d, "views")) {
                views.add((String) v);
            }
            Object java = d.get("java");
            Deviation dev = new Deviation(scenario, ((Number) row).intValue(), r, List.copyOf(views),
                    java == null ? Map.of() : Scenario.asMap(java, "java"),
                    Boolean.TRUE.equals(d.get("billiard_hangs")));
            if (all.put(scenario, dev) != null) {
                throw new IllegalArgumentException("scenario " + scenario + " has two deviations");
            }
        }
        return all;
    }
}
