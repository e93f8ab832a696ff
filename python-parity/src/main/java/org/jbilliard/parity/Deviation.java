package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberate, documented difference between billiard and jbilliard in one scenario, read from
 * {@code deviations.json}: the scenario, the BEHAVIOUR row that decides it, the reason, and
 * which views may differ and what jbilliard must show in each of them.
 *
 * <p><b>Thread-safety.</b> Immutable; {@link #parseAll(String)} throws {@link IllegalArgumentException}
 * for a malformed file.
 *
 * @param scenario       the scenario id
 * @param row            the BEHAVIOUR.md row
 * @param reason         why jbilliard differs
 * @param views          the views allowed to differ (never empty)
 * @param java           view name to the value jbilliard must show there, for every view in {@code views}
 * @param billiardHangs  whether billiard is expected to hang as a whole (the run is cut off)
 */
public record Deviation(String scenario, int row, String reason, List<String> views,
                        Map<String, Object> java, boolean billiardHangs) {

    /**
     * Reads a deviations file: {@code {"deviations": [...]}}. Every deviation must list the views it allows
     * to differ ({@code views}) and pin, in {@code java}, what jbilliard must show in each of them: a
     * deviation documents jbilliard's decision, not merely "something differs".
     *
     * @param text the file's content
     * @return scenario id to deviation
     * @throws IllegalArgumentException if malformed, a scenario is listed twice, a deviation lists no view,
     *                                  leaves a view it allows unpinned, or pins a view it does not allow;
     *                                  the message names the scenario and the view
     */
    public static Map<String, Deviation> parseAll(String text) {
        return parseAll(text, "java");
    }

    /**
     * Reads a deviations file whose pins are under {@code pinKey}: {@code "java"} in {@code deviations.json},
     * {@code "python"} in {@code deviations-python.json} (what the jbilliard Python client must show).
     *
     * @param text   the file's content
     * @param pinKey the key holding the pinned views
     * @return scenario id to deviation (its {@link #java()} holds the pins)
     * @throws IllegalArgumentException as {@link #parseAll(String)}
     */
    public static Map<String, Deviation> parseAll(String text, String pinKey) {
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
                if (!(v instanceof String name) || name.isBlank()) {
                    throw new IllegalArgumentException("deviation of scenario " + scenario
                            + ": \"views\" must list view names, got " + Json.write(v));
                }
                views.add(name);
            }
            Object java = d.get(pinKey);
            Map<String, Object> pinned = java == null ? Map.of() : Scenario.asMap(java, pinKey);
            if (views.isEmpty()) {
                throw new IllegalArgumentException("deviation of scenario " + scenario + " lists no view: name the"
                        + " views it allows to differ in \"views\" and pin each in \"" + pinKey + "\"");
            }
            for (String view : views) {
                if (!pinned.containsKey(view)) {
                    throw new IllegalArgumentException("deviation of scenario " + scenario + " allows view '" + view
                            + "' to differ but does not pin it: add \"" + pinKey + "\": {\"" + view + "\": <what jbilliard"
                            + " must show>} (the report's jbilliard observations show the current value)");
                }
            }
            for (String view : pinned.keySet()) {
                if (!views.contains(view)) {
                    throw new IllegalArgumentException("deviation of scenario " + scenario + " pins view '" + view
                            + "', which its \"views\" " + views + " do not list");
                }
            }
            Deviation dev = new Deviation(scenario, ((Number) row).intValue(), r, List.copyOf(views), pinned,
                    Boolean.TRUE.equals(d.get("billiard_hangs")));
            if (all.put(scenario, dev) != null) {
                throw new IllegalArgumentException("scenario " + scenario + " has two deviations");
            }
        }
        return all;
    }
}
