package org.jbilliard.parity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jbilliard.Empty;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.TaskProcess;

/**
 * Interprets one process's steps against jbilliard queues and processes, recording each step's
 * outcome exactly as the Python runner does (same ops, same control flow, same categories).
 *
 * <p>Each queue or process step runs in a helper thread bounded by the step's {@code bound} (or the
 * default): a step still running at its bound is recorded as {@code {"hang": true}}, its thread
 * interrupted and abandoned, and interpretation goes on — so a hang in the implementation under test
 * is an observation, never a stuck harness.
 *
 * <p><b>Thread-safety.</b> One interpreter per process, used by one thread.
 */
final class StepInterpreter {

    /** Ends the process with a failure: the {@code raise} step, or a failing step with {@code on_error: raise}. */
    static final class ScenarioRaise extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScenarioRaise(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Steps that never block, run inline as the Python runner does. */
    private static final Set<String> INLINE = Set.of("sleep", "mutate", "start", "kill", "terminate",
            "exitcode", "is_alive", "qsize", "maxsize", "full");

    private final Map<String, Object> queues;
    private final Map<String, TaskProcess> processes;
    private final Consumer<Map<String, Object>> sink;
    private final Duration stepBound;
    private final Map<String, Object> variables = new HashMap<>();

    /**
     * @param queues    queue name to handle ({@link Queue} or {@link SimpleQueue})
     * @param processes process name to handle (empty in children)
     * @param sink      receives each recorded entry
     * @param stepBound the default bound of a step
     */
    StepInterpreter(Map<String, Object> queues, Map<String, TaskProcess> processes,
                    Consumer<Map<String, Object>> sink, Duration stepBound) {
        this.queues = queues;
        this.processes = processes;
        this.sink = sink;
        this.stepBound = stepBound;
    }

    /**
     * Runs steps in order.
     *
     * @param steps the steps
     * @throws ScenarioRaise if a step ends the process
     */
    void run(List<Object> steps) {
        run(steps, false);
    }

    private String run(List<Object> steps, boolean stopOnError) {
        for (Object s : steps) {
            String signal = step(Scenario.asMap(s, "step"));
            if ("break".equals(signal) || "continue".equals(signal)) {
                return signal;
            }
            if ("error".equals(signal) && stopOnError) {
                return "stop";
            }
        }
        return null;
    }

    private String step(Map<String, Object> step) {
        String op = (String) step.get("op");
        if (op.equals("loop")) {
            // "times": n repeats n times; otherwise "max" bounds a loop that must end with a break.
            long count = ((Number) step.getOrDefault("times", step.getOrDefault("max", 1000L))).longValue();
            for (long i = 0; i < count; i++) {
                if ("break".equals(run(Scenario.list(step, "body"), false))) {
                    return null;
                }
            }
            if (!step.containsKey("times")) {
                record(step, outcome("error", "loop-limit"));
            }
            return null;
        }
        if (op.equals("block")) {
            String signal = run(Scenario.list(step, "body"), true);
            return "break".equals(signal) || "continue".equals(signal) ? signal : null;
        }
        Throwable[] failure = new Throwable[1];
        Map<String, Object> outcome = perform(step, failure);
        if (!Boolean.FALSE.equals(step.get("record"))) {
            record(step, outcome);
        }
        if (failure[0] != null && "raise".equals(step.get("on_error"))) {
            throw new ScenarioRaise(op + " failed: " + failure[0], failure[0]);
        }
        for (String key : List.of("break_if", "continue_if")) {
            Object conditions = step.get(key);
            if (conditions == null) {
                continue;
            }
            for (Object c : conditions instanceof List<?> list ? list : List.of(conditions)) {
                Map<String, Object> condition = Scenario.asMap(c, key);
                if (matches(condition, outcome)) {
                    run(Scenario.list(condition.containsKey("then") ? condition : step, "then"), false);
                    return key.equals("break_if") ? "break" : "continue";
                }
            }
        }
        return outcome.containsKey("error") || outcome.containsKey("hang") ? "error" : null;
    }

    static boolean matches(Map<String, Object> condition, Map<String, Object> outcome) {
        if (condition.containsKey("value")) {
            return outcome.containsKey("ok")
                    && Values.canonical(outcome.get("ok")).equals(Values.canonical(condition.get("value")));
        }
        if (condition.containsKey("error")) {
            Object wanted = condition.get("error");
            return outcome.containsKey("error") && ("*".equals(wanted) || wanted.equals(outcome.get("error")));
        }
        if (condition.containsKey("hang")) {
            return outcome.containsKey("hang");
        }
        if (condition.containsKey("ok")) {
            return outcome.containsKey("ok");
        }
        throw new IllegalArgumentException("unknown condition " + Json.write(condition));
    }

    private void record(Map<String, Object> step, Map<String, Object> outcome) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("step", step.getOrDefault("tag", step.get("op")));
        entry.putAll(outcome);
        sink.accept(entry);
    }

    private static Map<String, Object> outcome(String key, Object value) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put(key, value);
        return outcome;
    }

    /** An operation of a step; may throw anything, which becomes an observation. */
    @FunctionalInterface
    interface Action {
        Object call() throws Exception;
    }

    private Map<String, Object> perform(Map<String, Object> step, Throwable[] failure) {
        String op = (String) step.get("op");
        if (op.equals("raise")) {
            throw new ScenarioRaise(String.valueOf(step.getOrDefault("message", "raised by the scenario")), null);
        }
        if (op.equals("die")) {
            dieBySigkill();
        }
        if (op.equals("exit")) {
            System.out.flush();
            Runtime.getRuntime().halt(((Number) step.getOrDefault("code", 0L)).intValue());
        }
        Action action;
        try {
            action = action(step);
        } catch (RuntimeException e) {
            failure[0] = e;
            return error(op, e);
        }
        Object[] box = new Object[1];
        Throwable[] thrown = new Throwable[1];
        if (INLINE.contains(op) || Boolean.TRUE.equals(step.get("inline"))) {
            try {
                box[0] = action.call();
            } catch (Exception e) {
                thrown[0] = e;
            }
        } else {
            double bound = step.containsKey("bound")
                    ? ((Number) step.get("bound")).doubleValue()
                    : stepBound.toNanos() / 1e9;
            CountDownLatch done = new CountDownLatch(1);
            Thread helper = new Thread(() -> {
                try {
                    box[0] = action.call();
                } catch (Throwable e) {
                    thrown[0] = e;
                } finally {
                    done.countDown();
                }
            }, "step-" + op);
            helper.setDaemon(true);
            helper.start();
            try {
                if (!done.await((long) (bound * 1e9), TimeUnit.NANOSECONDS)) {
                    helper.interrupt();
                    Map<String, Object> hang = outcome("hang", true);
                    hang.put("bound", bound);
                    return hang;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                helper.interrupt();
                throw new ScenarioRaise("interrupted while waiting for step " + op, e);
            }
        }
        // NOTE: the latch's countDown/await orders the helper's writes to box/thrown before these reads.
        if (thrown[0] != null) {
            failure[0] = thrown[0];
            return error(op, thrown[0]);
        }
        try {
            return outcome("ok", Values.project((String) step.get("project"), box[0]));
        } catch (RuntimeException e) {
            Map<String, Object> out = outcome("error", "projection");
            out.put("detail", e.getMessage());
            return out;
        }
    }

    private static Map<String, Object> error(String op, Throwable e) {
        Map<String, Object> out = outcome("error", Categories.of(op, e));
        out.put("detail", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        return out;
    }

    private static void dieBySigkill() {
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid()))
                    .inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Runtime.getRuntime().halt(137);
        }
        Runtime.getRuntime().halt(137);
    }

    @SuppressWarnings("unchecked")
    private Action action(Map<String, Object> step) {
        String op = (String) step.get("op");
        Object q = queues.get(step.get("q"));
        switch (op) {
            case "put", "put_nowait", "send_payload" -> {
                Object item = Values.fromJson(step.get("item"), variables);
                if (step.containsKey("var")) {
                    variables.put((String) step.get("var"), item);
                }
                if (op.equals("send_payload")) {
                    return () -> {
                        ((SimpleQueue<Object>) q).sendPayload((byte[]) item);
                        return null;
                    };
                }
                if (q instanceof SimpleQueue<?> sq && op.equals("put")) {
                    return () -> {
                        ((SimpleQueue<Object>) sq).put(item);
                        return null;
                    };
                }
                Queue<Object> queue = (Queue<Object>) q;
                if (op.equals("put_nowait")) {
                    return () -> {
                        queue.putNowait(item);
                        return null;
                    };
                }
                Duration timeout = timeout(step);
                if (step.containsKey("block")) {
                    boolean block = (Boolean) step.get("block");
                    return () -> {
                        queue.put(item, block, timeout);
                        return null;
                    };
                }
                return () -> {
                    if (timeout == null) {
                        queue.put(item);
                    } else {
                        queue.put(item, timeout);
                    }
                    return null;
                };
            }
            case "get" -> {
                if (q instanceof SimpleQueue<?> sq) {
                    return sq::get;
                }
                Queue<Object> queue = (Queue<Object>) q;
                Duration timeout = timeout(step);
                if (step.containsKey("block")) {
                    boolean block = (Boolean) step.get("block");
                    return () -> queue.get(block, timeout);
                }
                return timeout == null ? queue::get : () -> queue.get(timeout);
            }
            case "get_nowait" -> {
                return ((Queue<Object>) q)::getNowait;
            }
            case "drain" -> {
                Queue<Object> queue = (Queue<Object>) q;
                Duration timeout = seconds(((Number) step.getOrDefault("timeout", 0.5)).doubleValue());
                return () -> {
                    List<Object> got = new ArrayList<>();
                    while (true) {
                        try {
                            got.add(queue.get(timeout));
                        } catch (Empty e) {
                            return got;
                        }
                    }
                };
            }
            case "qsize" -> {
                return ((Queue<Object>) q)::qsize;
            }
            case "empty" -> {
                return q instanceof SimpleQueue<?> sq ? sq::empty : ((Queue<Object>) q)::empty;
            }
            case "full" -> {
                return ((Queue<Object>) q)::full;
            }
            case "maxsize" -> {
                return ((Queue<Object>) q)::maxsize;
            }
            case "close" -> {
                AutoCloseable closeable = (AutoCloseable) q;
                return () -> {
                    closeable.close();
                    return null;
                };
            }
            case "join_thread" -> {
                Queue<Object> queue = (Queue<Object>) q;
                return () -> {
                    queue.joinThread();
                    return null;
                };
            }
            case "cancel_join_thread" -> {
                Queue<Object> queue = (Queue<Object>) q;
                return () -> {
                    queue.cancelJoinThread();
                    return null;
                };
            }
            case "task_done" -> {
                JoinableQueue<Object> queue = (JoinableQueue<Object>) q;
                return () -> {
                    queue.taskDone();
                    return null;
                };
            }
            case "join" -> {
                JoinableQueue<Object> queue = (JoinableQueue<Object>) q;
                Duration timeout = timeout(step);
                if (timeout != null) {
                    return () -> queue.join(timeout);
                }
                return () -> {
                    queue.join();
                    return null;
                };
            }
            case "get_payload" -> {
                return ((SimpleQueue<Object>) q)::getPayload;
            }
            case "sleep" -> {
                Duration d = seconds(((Number) step.get("seconds")).doubleValue());
                return () -> {
                    // A scenario's own pacing (the seed examples sleep), not synchronisation.
                    new CountDownLatch(1).await(d.toNanos(), TimeUnit.NANOSECONDS);
                    return null;
                };
            }
            case "mutate" -> {
                return () -> {
                    ((List<Object>) variables.get((String) step.get("var")))
                            .add(Values.fromJson(step.get("append"), variables));
                    return null;
                };
            }
            default -> {
                return processAction(op, step);
            }
        }
    }

    private Action processAction(String op, Map<String, Object> step) {
        TaskProcess p = processes.get(step.get("proc"));
        if (p == null) {
            throw new IllegalArgumentException("no process " + step.get("proc") + " here");
        }
        Duration timeout = timeout(step);
        return switch (op) {
            case "start" -> () -> {
                p.start();
                return null;
            };
            case "join_process" -> timeout != null ? () -> p.join(timeout) : () -> {
                p.join();
                return null;
            };
            case "kill" -> () -> {
                p.kill();
                return null;
            };
            case "terminate" -> () -> {
                p.terminate();
                return null;
            };
            case "exitcode" -> () -> {
                OptionalInt code = p.exitCode();
                return code.isPresent() ? code.getAsInt() : null;
            };
            case "is_alive" -> p::isAlive;
            default -> throw new IllegalArgumentException("unknown step op '" + op + "'");
        };
    }

    private static Duration timeout(Map<String, Object> step) {
        Object t = step.get("timeout");
        return t == null ? null : seconds(((Number) t).doubleValue());
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
