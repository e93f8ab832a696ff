package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises a {@link RawResult} into the views a scenario compares, so that what is not guaranteed
 * (which consumer got which item, timing details, exception messages) does not count as a difference.
 *
 * <p>Every entry first loses its {@code detail} and {@code bound}; what remains is the step tag and
 * the neutral outcome. The kinds:
 * <ul>
 *   <li>{@code sequence} — process name to its entries in order (exact comparison);</li>
 *   <li>{@code multiset} — the outcomes of all selected entries of all listed processes, as a sorted
 *       list (which process observed what, and in what order, is ignored);</li>
 *   <li>{@code fifo} — whether, in each listed process, the items of every producer appear in the
 *       order that producer put them (items are {@code [producer, n]} pairs or {@code "P:n"} strings;
 *       other items are ignored): BEHAVIOUR row 23;</li>
 *   <li>{@code count} — the number of selected entries;</li>
 *   <li>{@code exitcodes} — process name to exit code.</li>
 * </ul>
 * A scenario without views is compared with one {@code sequence} view per process plus the children's
 * exit codes.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
public final class Views {

    private Views() {
    }

    /**
     * Computes every view of a scenario on a completed result.
     *
     * @param scenario the scenario
     * @param result   the result
     * @return view name to its value (JSON)
     */
    public static Map<String, Object> compute(Scenario scenario, RawResult result) {
        Map<String, Object> views = new LinkedHashMap<>();
        for (Scenario.ViewSpec spec : specs(scenario)) {
            views.put(spec.name(), compute(spec, result));
        }
        return views;
    }

    /**
     * Returns the views of a scenario, the default ones if it declares none.
     *
     * @param scenario the scenario
     * @return the view specifications
     */
    public static List<Scenario.ViewSpec> specs(Scenario scenario) {
        if (!scenario.views().isEmpty()) {
            return scenario.views();
        }
        List<Scenario.ViewSpec> specs = new ArrayList<>();
        for (String p : scenario.processNames()) {
            specs.add(new Scenario.ViewSpec(p, "sequence", List.of(p), List.of()));
        }
        if (!scenario.processes().isEmpty()) {
            List<String> children = new ArrayList<>(scenario.processNames().subList(1, scenario.processNames().size()));
            specs.add(new Scenario.ViewSpec("exitcodes", "exitcodes", children, List.of()));
        }
        return specs;
    }

    static Object compute(Scenario.ViewSpec spec, RawResult result) {
        List<String> processes = spec.processes().isEmpty() ? List.copyOf(result.processes().keySet()) : spec.processes();
        switch (spec.kind()) {
            case "exitcodes" -> {
                Map<String, Object> codes = new LinkedHashMap<>();
                for (String p : processes) {
                    RawResult.ProcessTrace t = result.processes().get(p);
                    codes.put(p, t == null || t.exitCode() == null ? null : (long) t.exitCode());
                }
                return codes;
            }
            case "sequence" -> {
                Map<String, Object> seq = new LinkedHashMap<>();
                for (String p : processes) {
                    seq.put(p, select(spec, result, p));
                }
                return seq;
            }
            case "multiset" -> {
                List<Object> all = new ArrayList<>();
                for (String p : processes) {
                    for (Map<String, Object> e : select(spec, result, p)) {
                        all.add(outcomeOnly(e));
                    }
                }
                all.sort(Comparator.comparing(Values::canonical));
                return all;
            }
            case "count" -> {
                long n = 0;
                for (String p : processes) {
                    n += select(spec, result, p).size();
                }
                return n;
            }
            case "fifo" -> {
                Map<String, Object> ok = new LinkedHashMap<>();
                for (String p : processes) {
                    ok.put(p, perProducerOrder(select(spec, result, p)));
                }
                return ok;
            }
            default -> throw new IllegalArgumentException("unknown view kind " + spec.kind());
        }
    }

    private static List<Map<String, Object>> select(Scenario.ViewSpec spec, RawResult result, String process) {
        List<Map<String, Object>> out = new ArrayList<>();
        RawResult.ProcessTrace trace = result.processes().get(process);
        if (trace == null) {
            return out;
        }
        for (Map<String, Object> e : trace.trace()) {
            if (spec.steps().isEmpty() || spec.steps().contains(String.valueOf(e.get("step")))) {
                Map<String, Object> clean = new LinkedHashMap<>(e);
                clean.remove("detail");
                clean.remove("bound");
                out.add(clean);
            }
        }
        return out;
    }

    private static Object outcomeOnly(Map<String, Object> entry) {
        if (entry.containsKey("ok")) {
            return entry.get("ok");
        }
        Map<String, Object> rest = new LinkedHashMap<>(entry);
        rest.remove("step");
        return rest;
    }

    static boolean perProducerOrder(List<Map<String, Object>> entries) {
        Map<String, Long> last = new HashMap<>();
        for (Map<String, Object> e : entries) {
            Object item = e.get("ok");
            String producer;
            long n;
            if (item instanceof List<?> pair && pair.size() == 2 && pair.get(1) instanceof Number num) {
                producer = String.valueOf(pair.get(0));
                n = num.longValue();
            } else if (item instanceof String s && s.matches("[^:]+:\\d+")) {
                producer = s.substring(0, s.indexOf(':'));
                n = Long.parseLong(s.substring(s.indexOf(':') + 1));
            } else {
                continue;
            }
            Long previous = last.put(producer, n);
            if (previous != null && previous >= n) {
                return false;
            }
        }
        return true;
    }
}
