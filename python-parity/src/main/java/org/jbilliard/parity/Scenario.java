package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parity scenario, as read from a scenario file: its queues, its processes and their steps, and
 * the views under which the two runs are compared. The step language is documented in the module's
 * README; both runners interpret the steps themselves, so they are kept here as parsed JSON.
 *
 * <p><b>Thread-safety.</b> Treated as immutable after {@link #parse(Map)} (nothing mutates the parsed
 * JSON), so it may be shared. {@link #parse(Map)} validates what both runners rely on (known ops,
 * queue and process names that exist) so that a typo fails when the scenario is loaded, naming the
 * scenario and the step, instead of showing up as a difference.
 *
 * @param id        unique, stable identifier (reports and deviations key on it)
 * @param title     one line saying what is exercised
 * @param rows      the BEHAVIOUR.md rows it covers
 * @param seed      the seed members it covers, e.g. {@code "Queue.put(timeout)"}
 * @param queues    queue name to specification
 * @param processes the child processes, in declaration order
 * @param main      the main process's steps
 * @param views     how the results are normalised before comparison
 * @param boundSeconds the longest either run may take before it is cut off
 * @param raw       the scenario exactly as read (handed to the Python runner)
 */
public record Scenario(String id, String title, List<Integer> rows, List<String> seed,
                       Map<String, QueueSpec> queues, List<ProcessSpec> processes, List<Object> main,
                       List<ViewSpec> views, double boundSeconds, Map<String, Object> raw) {

    /** Every step op the runners understand. */
    public static final Set<String> OPS = Set.of(
            "put", "put_nowait", "get", "get_nowait", "drain", "qsize", "empty", "full", "maxsize",
            "close", "join_thread", "cancel_join_thread", "task_done", "join", "send_payload",
            "get_payload", "sleep", "mutate", "start", "join_process", "kill", "terminate",
            "exitcode", "is_alive", "die", "raise", "exit", "loop", "block");

    private static final Set<String> QUEUE_OPS = Set.of(
            "put", "put_nowait", "get", "get_nowait", "drain", "qsize", "empty", "full", "maxsize",
            "close", "join_thread", "cancel_join_thread", "task_done", "join", "send_payload",
            "get_payload");

    private static final Set<String> PROCESS_OPS = Set.of(
            "start", "join_process", "kill", "terminate", "exitcode", "is_alive");

    /**
     * A queue of the scenario.
     *
     * @param kind    {@code queue}, {@code joinable} or {@code simple}
     * @param maxsize the bound given at creation (0 = unbounded)
     */
    public record QueueSpec(String kind, int maxsize) {
    }

    /**
     * A child process of the scenario.
     *
     * @param name  its name (unique, not {@code main})
     * @param steps what it does
     */
    public record ProcessSpec(String name, List<Object> steps) {
    }

    /**
     * How observations are normalised before comparison; see {@link Views}.
     *
     * @param name      the view's name (reported when it differs)
     * @param kind      {@code sequence}, {@code multiset}, {@code fifo}, {@code count} or {@code exitcodes}
     * @param processes the processes it reads, in order
     * @param steps     the step tags it keeps (empty = all)
     */
    public record ViewSpec(String name, String kind, List<String> processes, List<String> steps) {
    }

    /**
     * Returns the names of all processes, main first.
     *
     * @return the names
     */
    public List<String> processNames() {
        List<String> names = new ArrayList<>();
        names.add("main");
        processes.forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Validates and reads a scenario.
     *
     * @param json the scenario object
     * @return the scenario
     * @throws IllegalArgumentException naming the scenario and what is wrong
     */
    public static Scenario parse(Map<String, Object> json) {
        String id = string(json, "id", null);
        if (id == null || !id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("scenario id missing or not lower-case-with-dashes: " + id);
        }
        try {
            String title = string(json, "title", id);
            List<Integer> rows = new ArrayList<>();
            for (Object r : list(json, "rows")) {
                rows.add(((Number) r).intValue());
            }
            List<String> seed = new ArrayList<>();
            for (Object s : list(json, "seed")) {
                seed.add((String) s);
            }
            Map<String, QueueSpec> queues = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : map(json, "queues").entrySet()) {
                Map<String, Object> q = asMap(e.getValue(), "queue " + e.getKey());
                String kind = string(q, "kind", "queue");
                if (!Set.of("queue", "joinable", "simple").contains(kind)) {
                    throw new IllegalArgumentException("queue " + e.getKey() + " has unknown kind " + kind);
                }
                Object maxsize = q.getOrDefault("maxsize", 0L);
                queues.put(e.getKey(), new QueueSpec(kind, ((Number) maxsize).intValue()));
            }
            List<ProcessSpec> processes = new ArrayList<>();
            for (Object p : list(json, "processes")) {
                Map<String, Object> pm = asMap(p, "process");
                String name = string(pm, "name", null);
                if (name == null || name.equals("main") || !name.matches("[A-Za-z0-9_-]+")) {
                    throw new IllegalArgumentException("bad process name " + name);
                }
                processes.add(new ProcessSpec(name, list(pm, "steps")));
            }
            if (!json.containsKey("main")) {
                throw new IllegalArgumentException("no main steps");
            }
            List<Object> main = list(json, "main");
            Set<String> processNames = new java.util.HashSet<>();
            processes.forEach(p -> processNames.add(p.name()));
            checkSteps(main, queues.keySet(), processNames, "main");
            for (ProcessSpec p : processes) {
                checkSteps(p.steps(), queues.keySet(), Set.of(), p.name());
            }
            List<ViewSpec> views = new ArrayList<>();
            for (Object v : list(json, "observe")) {
                Map<String, Object> vm = asMap(v, "view");
                List<String> procs = new ArrayList<>();
                for (Object o : list(vm, "processes")) {
                    procs.add((String) o);
                }
                List<String> steps = new ArrayList<>();
                for (Object o : list(vm, "steps")) {
                    steps.add((String) o);
                }
                String kind = string(vm, "kind", "sequence");
                if (!Set.of("sequence", "multiset", "fifo", "count", "exitcodes").contains(kind)) {
                    throw new IllegalArgumentException("unknown view kind " + kind);
                }
                String name = string(vm, "name", kind + procs);
                views.add(new ViewSpec(name, kind, procs, steps));
            }
            Object bound = json.getOrDefault("bound", 60L);
            return new Scenario(id, title, List.copyOf(rows), List.copyOf(seed), queues,
                    List.copyOf(processes), main, List.copyOf(views), ((Number) bound).doubleValue(), json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("scenario " + id + ": " + e.getMessage(), e);
        }
    }

    private static void checkSteps(List<Object> steps, Set<String> queues, Set<String> processes, String where) {
        for (Object s : steps) {
            Map<String, Object> step = asMap(s, "step of " + where);
            Object op = step.get("op");
            if (!(op instanceof String name) || !OPS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown op " + op + " in " + Json.write(step));
            }
            if (QUEUE_OPS.contains(name) && !queues.contains(String.valueOf(step.get("q")))) {
                throw new IllegalArgumentException(where + ": step names unknown queue " + Json.write(step));
            }
            if (PROCESS_OPS.contains(name) && !processes.contains(String.valueOf(step.get("proc")))) {
                throw new IllegalArgumentException(where + ": step names unknown process " + Json.write(step));
            }
            if (name.equals("loop") || name.equals("block")) {
                checkSteps(list(step, "body"), queues, processes, where);
            }
            if (step.containsKey("then")) {
                checkSteps(list(step, "then"), queues, processes, where);
            }
            for (String key : List.of("break_if", "continue_if")) {
                Object conditions = step.get(key);
                for (Object c : conditions instanceof List<?> l ? l : conditions == null ? List.of() : List.of(conditions)) {
                    Map<String, Object> condition = asMap(c, where + ": " + key);
                    if (condition.containsKey("then")) {
                        checkSteps(list(condition, "then"), queues, processes, where);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " must be an object, found " + Json.describe(value));
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> json, String key, String fallback) {
        Object v = json.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> json, String key) {
        Object v = json.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(key + " must be an array, found " + Json.describe(v));
        }
        return (List<Object>) v;
    }

    private static Map<String, Object> map(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v == null ? Map.of() : asMap(v, key);
    }
}
