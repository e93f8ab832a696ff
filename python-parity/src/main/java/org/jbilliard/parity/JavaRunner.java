package org.jbilliard.parity;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jbilliard.Context;
import org.jbilliard.ProcessOptions;
import org.jbilliard.TaskProcess;

/**
 * Runs scenarios on a jbilliard {@link Context}: creates the scenario's queues, starts its children
 * with {@link Context#process} (each a {@link ChildTask}), interprets the main steps, and collects
 * every trace and exit code.
 *
 * <p>The main steps run in a separate thread bounded by the scenario's bound; at the end every child
 * still running is killed (through {@link TaskProcess#close()}) and noted, the queues are closed and
 * the trace directory (named {@code jbilliard-parity-*}) is removed, also when the run failed.
 *
 * <p><b>Thread-safety.</b> One scenario at a time per runner.
 */
public final class JavaRunner implements ScenarioRunner {

    private final Context context;
    private final Duration stepBound;
    private final double factor;

    /**
     * @param context   the implementation under test
     * @param stepBound the default bound of a blocking step (before the time factor)
     * @param factor    the time factor
     */
    public JavaRunner(Context context, Duration stepBound, double factor) {
        this.context = context;
        this.stepBound = stepBound;
        this.factor = factor;
    }

    /**
     * Returns the runner's name in reports.
     *
     * @return {@code jbilliard:<context name>}
     */
    public String name() {
        return "jbilliard:" + context.name();
    }

    @Override
    public RawResult run(Scenario scenario) {
        long start = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("jbilliard-parity-");
        } catch (IOException e) {
            return RawResult.failed(name(), null, "error", "cannot create a temp dir: " + e, 0);
        }
        Map<String, Object> queues = new LinkedHashMap<>();
        Map<String, TaskProcess> processes = new LinkedHashMap<>();
        List<Map<String, Object>> mainTrace = Collections.synchronizedList(new ArrayList<>());
        List<String> notes = new ArrayList<>();
        String status = "completed";
        String message = null;
        try {
            for (Map.Entry<String, Scenario.QueueSpec> e : scenario.queues().entrySet()) {
                Scenario.QueueSpec spec = e.getValue();
                queues.put(e.getKey(), switch (spec.kind()) {
                    case "joinable" -> context.joinableQueue(spec.maxsize());
                    case "simple" -> context.simpleQueue();
                    default -> context.queue(spec.maxsize());
                });
            }
            Duration bound = stepBound.multipliedBy(Math.max(1, Math.round(factor * 1000))).dividedBy(1000);
            for (Scenario.ProcessSpec p : scenario.processes()) {
                ChildTask task = new ChildTask(p.steps(), queues, dir.resolve(p.name() + ".jsonl"), bound);
                // Output captured, as the Python runner's is: a child's expected traceback ("raise")
                // would otherwise interleave with the progress lines.
                processes.put(p.name(), context.process(task,
                        ProcessOptions.defaults().withName(p.name()).withCapturedOutput(true)));
            }
            StepInterpreter main = new StepInterpreter(queues, processes, mainTrace::add, bound);
            Throwable[] failure = new Throwable[1];
            CountDownLatch done = new CountDownLatch(1);
            Thread runner = new Thread(() -> {
                try {
                    main.run(scenario.main());
                } catch (StepInterpreter.ScenarioRaise e) {
                    notes.add("main raised: " + e.getMessage());
                } catch (Throwable e) {
                    failure[0] = e;
                } finally {
                    done.countDown();
                }
            }, "parity-main-" + scenario.id());
            runner.setDaemon(true);
            runner.start();
            if (!done.await((long) (scenario.boundSeconds() * factor * 1e9), TimeUnit.NANOSECONDS)) {
                runner.interrupt();
                status = "hang";
                message = "cut off after " + scenario.boundSeconds() * factor + " s";
            } else if (failure[0] != null) {
                status = "error";
                message = stackTrace(failure[0]);
            }
        } catch (Exception | LinkageError e) {
            status = "error";
            message = stackTrace(e);
        }
        Map<String, RawResult.ProcessTrace> traces = new LinkedHashMap<>();
        traces.put("main", new RawResult.ProcessTrace(List.copyOf(mainTrace), null));
        for (Map.Entry<String, TaskProcess> e : processes.entrySet()) {
            TaskProcess p = e.getValue();
            Integer code = null;
            try {
                if (p.isAlive()) {
                    notes.add("child " + e.getKey() + " still running at the end: killed");
                }
                p.close();
                code = p.exitCode().isPresent() ? p.exitCode().getAsInt() : null;
                p.failure().ifPresent(f -> notes.add("child " + e.getKey() + " failed: " + f));
            } catch (RuntimeException ex) {
                notes.add("child " + e.getKey() + " could not be closed: " + ex);
            }
            traces.put(e.getKey(), new RawResult.ProcessTrace(readTrace(dir.resolve(e.getKey() + ".jsonl")), code));
        }
        for (Object q : queues.values()) {
            try {
                ((AutoCloseable) q).close();
            } catch (Exception e) {
                notes.add("closing a queue failed: " + e);
            }
        }
        deleteTree(dir);
        return new RawResult(name(), implementationVersion(), status, traces, notes, message,
                (System.nanoTime() - start) / 1_000_000);
    }

    private String implementationVersion() {
        Package p = context.getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? context.getClass().getName() : v;
    }

    static List<Map<String, Object>> readTrace(Path file) {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(Json.parseObject(line));
                } catch (IllegalArgumentException e) {
                    Map<String, Object> torn = new LinkedHashMap<>();
                    torn.put("step", "torn-trace-line");
                    torn.put("error", "trace");
                    entries.add(torn);
                }
            }
        } catch (IOException e) {
            Map<String, Object> broken = new LinkedHashMap<>();
            broken.put("step", "trace-file");
            broken.put("error", "trace");
            broken.put("detail", e.toString());
            entries.add(broken);
        }
        return entries;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: reported by the machine-clean checks of the build, not here
                }
            });
        } catch (IOException e) {
            // the directory is already gone
        }
    }

    static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
