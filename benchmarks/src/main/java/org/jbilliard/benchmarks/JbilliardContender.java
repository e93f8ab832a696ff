package org.jbilliard.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.ProcessOptions.StartupProfile;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;

/**
 * jbilliard's side of the cross-process workloads, written against the org.jbilliard API with the
 * reference context ({@code Context.load("reference")}) by default: producers, consumers and echo servers are child processes
 * of {@link Context#process(Task)}. The same code, given the Redis context on the run's server, is
 * the {@link Impl#JBILLIARD_REDIS} contender of the Redis workloads.
 *
 * <p>JVM start-up is not timed: children report on a control queue that they are ready, the parent
 * releases them all through a go queue and times from the release to the last consumer's report.
 * Used from one thread at a time; every child is killed and reaped, and every queue handle closed,
 * before a repetition returns or throws.
 */
public final class JbilliardContender implements Contender {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration IDLE_SETTLE = Duration.ofMillis(500);

    private enum Kind { QUEUE, SIMPLE, JOINABLE }

    private final BenchConfig config;
    private final Impl impl;
    private final Supplier<Context> contexts;
    private Context context;

    /**
     * Creates the contender for the reference implementation, loaded by its name with
     * {@link Context#load(String)} on first use (the harness's class path also holds the Redis context,
     * so {@link Context#load()} would not know which one is meant).
     *
     * @param config the run's configuration
     */
    public JbilliardContender(BenchConfig config) {
        this(config, () -> Context.load("reference"));
    }

    /**
     * Creates the contender with another source of its context.
     *
     * @param config   the run's configuration
     * @param contexts called once, on first use
     */
    JbilliardContender(BenchConfig config, Supplier<Context> contexts) {
        this(config, Impl.JBILLIARD, contexts);
    }

    /**
     * Creates a contender that measures another context under another name.
     *
     * @param config   the run's configuration
     * @param impl     {@link Impl#JBILLIARD}, or {@link Impl#JBILLIARD_REDIS} for the Redis context
     * @param contexts called once, on first use
     */
    JbilliardContender(BenchConfig config, Impl impl, Supplier<Context> contexts) {
        this.config = config;
        this.impl = impl;
        this.contexts = contexts;
    }

    @Override
    public Impl impl() {
        return impl;
    }

    @Override
    public Map<Metric, Double> runOnce(Workload workload) throws Exception {
        int count = workload.count(config.quick());
        Map<Metric, Double> figures = new EnumMap<>(Metric.class);
        Watchdog watchdog = new Watchdog(config.repetitionTimeout().plusSeconds(10));
        try {
            switch (workload) {
                case QUEUE_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(Kind.QUEUE, 1, count, 0));
                case QUEUE_4TO4, REDIS_4TO4 -> figures.put(Metric.THROUGHPUT, throughput(Kind.QUEUE, 4, count, 0));
                case REDIS_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(Kind.QUEUE, 1, count, 0));
                case SIMPLE_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(Kind.SIMPLE, 1, count, 0));
                case JOINABLE_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(Kind.JOINABLE, 1, count, 0));
                case BYTES_64K, BYTES_1M, REDIS_BYTES_64K -> {
                    double msgsPerSecond = throughput(Kind.QUEUE, 1, count, workload.itemBytes());
                    figures.put(Metric.THROUGHPUT, msgsPerSecond);
                    figures.put(Metric.BANDWIDTH, msgsPerSecond * workload.itemBytes() / 1e6);
                }
                case PINGPONG_SIMPLE -> figures.putAll(pingPong(Kind.SIMPLE, count));
                case PINGPONG_QUEUE -> figures.putAll(pingPong(Kind.QUEUE, count));
                case STARTUP -> {
                    double[] samples = startup(count, StartupProfile.FAST_START, null);
                    figures.put(Metric.START_P50, Stats.percentile(samples, 50));
                    figures.put(Metric.START_P99, Stats.percentile(samples, 99));
                }
                case STARTUP_WARM -> figures.putAll(warmStartup(count));
                case STARTUP_PEAK -> figures.put(Metric.START_P50,
                        Stats.percentile(startup(count, StartupProfile.PEAK_THROUGHPUT, null), 50));
                case CPU_TASK_FAST -> figures.put(Metric.TASK_TIME, cpuTask(count, StartupProfile.FAST_START));
                case CPU_TASK_PEAK -> figures.put(Metric.TASK_TIME, cpuTask(count, StartupProfile.PEAK_THROUGHPUT));
                case IDLE_CPU -> figures.put(Metric.IDLE_CPU, idleCpu(Duration.ofSeconds(count)));
            }
        } catch (InterruptedException e) {
            if (!watchdog.fired()) {
                throw e;
            }
            throw new TimeoutException(impl.id() + " " + workload.id() + ": no result within "
                    + config.repetitionTimeout().toSeconds() + " s (interrupted by the harness's deadline)");
        } finally {
            watchdog.close();
        }
        return figures;
    }

    /** The context this contender measures, made on first use. */
    Context context() {
        if (context == null) {
            try {
                context = contexts.get();
            } catch (IllegalStateException e) {
                if (impl != Impl.JBILLIARD) {
                    throw e;
                }
                throw new IllegalStateException("the reference implementation's Context is not available yet ("
                        + e.getMessage() + ")", e);
            }
        }
        return context;
    }

    /** A data queue seen through the operations the child tasks use. */
    private record Endpoints(Channels.Sink sink, Channels.Source source, Channels.Action join) {
    }

    private Endpoints endpoints(Closer closer, Kind kind) {
        Duration bound = config.repetitionTimeout();
        switch (kind) {
            case QUEUE -> {
                Queue<Object> queue = closer.add(context().queue());
                return new Endpoints(queue::put, () -> queue.get(bound), null);
            }
            case SIMPLE -> {
                SimpleQueue<Object> queue = closer.add(context().simpleQueue());
                // SimpleQueue.get has no timeout: the parent kills the child at the deadline.
                return new Endpoints(queue::put, queue::get, null);
            }
            default -> {
                JoinableQueue<Object> queue = closer.add(context().joinableQueue());
                return new Endpoints(queue::put, () -> {
                    Object item = queue.get(bound);
                    queue.taskDone();
                    return item;
                }, queue::join);
            }
        }
    }

    private double throughput(Kind kind, int pairs, int count, int itemBytes) throws Exception {
        long deadline = deadline();
        Duration bound = config.repetitionTimeout();
        int perProducer = count / pairs;
        try (Closer closer = new Closer()) {
            Endpoints data = endpoints(closer, kind);
            Queue<Object> control = closer.add(context().queue());
            Queue<Object> go = closer.add(context().queue());
            Channels.Sink dataSink = data.sink();
            Channels.Source dataSource = data.source();
            Channels.Action join = data.join();
            Channels.Sink controlSink = control::put;
            Channels.Source goSource = () -> go.get(bound);
            List<TaskProcess> children = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                children.add(closer.add(process(
                        () -> ChildTasks.produce(dataSink, controlSink, goSource, perProducer, itemBytes, join))));
            }
            for (int i = 0; i < pairs; i++) {
                children.add(closer.add(process(
                        () -> ChildTasks.consume(dataSource, controlSink, goSource))));
            }
            for (TaskProcess child : children) {
                child.start();
            }
            for (int i = 0; i < children.size(); i++) {
                expect(ChildTasks.READY, await(control, children, deadline));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < children.size(); i++) {
                go.put(ChildTasks.GO);
            }
            long received = 0;
            int reports = pairs + (kind == Kind.JOINABLE ? pairs : 0);
            for (int i = 0; i < reports; i++) {
                Object report = await(control, children, deadline);
                if (report instanceof Integer n) {
                    received += n;
                } else {
                    expect(ChildTasks.JOINED, report);
                }
            }
            long t1 = System.nanoTime();
            joinAll(children, deadline);
            long total = (long) perProducer * pairs;
            if (received != total) {
                throw new IllegalStateException("consumers received " + received + " items, " + total + " were put");
            }
            return total / ((t1 - t0) / 1e9);
        }
    }

    private Map<Metric, Double> pingPong(Kind kind, int count) throws Exception {
        long deadline = deadline();
        int warmup = config.pingPongWarmup();
        try (Closer closer = new Closer()) {
            Endpoints ping = endpoints(closer, kind);
            Endpoints pong = endpoints(closer, kind);
            Queue<Object> control = closer.add(context().queue());
            Channels.Source pingSource = ping.source();
            Channels.Sink pongSink = pong.sink();
            Channels.Sink controlSink = control::put;
            TaskProcess echo = closer.add(process(
                    () -> ChildTasks.echo(pingSource, pongSink, controlSink, warmup + count)));
            echo.start();
            expect(ChildTasks.READY, await(control, List.of(echo), deadline));
            double[] samples = new double[count];
            for (int i = 0; i < warmup + count; i++) {
                long t0 = System.nanoTime();
                ping.sink().put(i);
                pong.source().take();
                if (i >= warmup) {
                    samples[i - warmup] = (System.nanoTime() - t0) / 1e3;
                }
            }
            joinAll(List.of(echo), deadline);
            Map<Metric, Double> figures = new EnumMap<>(Metric.class);
            figures.put(Metric.RTT_P50, Stats.percentile(samples, 50));
            figures.put(Metric.RTT_P99, Stats.percentile(samples, 99));
            return figures;
        }
    }

    /** Start-up samples in ms; each from a ready spare of {@code warm} if given, else a fresh JVM. */
    private double[] startup(int count, StartupProfile profile, ReferenceContext warm) throws Exception {
        long deadline = deadline();
        double[] samples = new double[count];
        try (Closer closer = new Closer()) {
            Queue<Object> out = closer.add(context().queue());
            Channels.Sink outSink = out::put;
            for (int i = 0; i < count; i++) {
                if (warm != null && !warm.warmSpares().orElseThrow().awaitReady(
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    throw new TimeoutException("the warm spare was not ready before the deadline");
                }
                try (TaskProcess child = warm == null ? process(() -> ChildTasks.reportStart(outSink), profile)
                        : warm.process(() -> ChildTasks.reportStart(outSink), options(profile))) {
                    long t0 = System.nanoTime();
                    child.start();
                    Object running = await(out, List.of(child), deadline);
                    if (!(running instanceof Long at)) {
                        throw new IllegalStateException("expected the child's start time, got " + running);
                    }
                    samples[i] = (at - t0) / 1e6;
                    joinAll(List.of(child), deadline);
                }
            }
        }
        return samples;
    }

    /**
     * Start → task running when {@code start()} hands the task to a warm spare (one spare, the same
     * options as the cold workload; each sample waits until the replacement spare is ready). The
     * first start, untimed, lets the pool learn the task's exact command.
     */
    private Map<Metric, Double> warmStartup(int count) throws Exception {
        if (!(context() instanceof ReferenceContext reference)) {
            throw new IllegalStateException("warm spares are measured on the reference context, not " + context().name());
        }
        try (ReferenceContext warm = reference.withWarmSpares(1, options(StartupProfile.FAST_START))) {
            startup(1, StartupProfile.FAST_START, warm);
            double[] samples = startup(count, StartupProfile.FAST_START, warm);
            Map<Metric, Double> figures = new EnumMap<>(Metric.class);
            figures.put(Metric.START_P50, Stats.percentile(samples, 50));
            figures.put(Metric.START_P99, Stats.percentile(samples, 99));
            return figures;
        }
    }

    /** Median compute time of {@link ChildTasks#computeAndReport}, one fresh child per sample. */
    private double cpuTask(int count, StartupProfile profile) throws Exception {
        long deadline = deadline();
        double[] samples = new double[count];
        try (Closer closer = new Closer()) {
            Queue<Object> out = closer.add(context().queue());
            Channels.Sink outSink = out::put;
            for (int i = 0; i < count; i++) {
                try (TaskProcess child = process(() -> ChildTasks.computeAndReport(outSink), profile)) {
                    child.start();
                    Object report = await(out, List.of(child), deadline);
                    if (!(report instanceof long[] timed) || timed.length != 2) {
                        throw new IllegalStateException("expected the child's compute time, got " + report);
                    }
                    samples[i] = timed[0] / 1e6;
                    joinAll(List.of(child), deadline);
                }
            }
        }
        return Stats.percentile(samples, 50);
    }

    private double idleCpu(Duration window) throws Exception {
        long deadline = deadline();
        try (Closer closer = new Closer()) {
            Queue<Object> data = closer.add(context().queue());
            Queue<Object> control = closer.add(context().queue());
            Channels.Sink controlSink = control::put;
            Channels.Source blockingGet = data::get;
            TaskProcess consumer = closer.add(process(() -> ChildTasks.blockInGet(controlSink, blockingGet)));
            consumer.start();
            expect(ChildTasks.READY, await(control, List.of(consumer), deadline));
            long pid = consumer.pid().orElseThrow(() -> new IllegalStateException("started process has no pid"));
            // The window opens once the child has finished starting, as in billiard_bench.py.
            TimeUnit.NANOSECONDS.sleep(IDLE_SETTLE.toNanos());
            long cpu0 = ProcStat.cpuNanos(pid);
            long t0 = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(window.toNanos());
            long cpu1 = ProcStat.cpuNanos(pid);
            long t1 = System.nanoTime();
            checkChildren(List.of(consumer));
            data.put(null);
            joinAll(List.of(consumer), deadline);
            return 100.0 * (cpu1 - cpu0) / (t1 - t0);
        }
    }

    private TaskProcess process(Task task) {
        return process(task, StartupProfile.FAST_START);
    }

    private TaskProcess process(Task task, StartupProfile profile) {
        return context().process(task, options(profile));
    }

    private ProcessOptions options(StartupProfile profile) {
        return ProcessOptions.defaults().withJvmOptions(config.childJvmOptions()).withStartupProfile(profile);
    }

    private long deadline() {
        return System.nanoTime() + config.repetitionTimeout().toNanos();
    }

    /** Takes the next control message, failing fast when a child died or the deadline passed. */
    private static Object await(Queue<Object> control, List<TaskProcess> children, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                return control.get(POLL);
            } catch (Empty e) {
                checkChildren(children);
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException("no message from the child processes before the deadline");
                }
            }
        }
    }

    private static void checkChildren(List<TaskProcess> children) {
        for (TaskProcess child : children) {
            OptionalInt exit = child.exitCode();
            if (exit.isPresent() && exit.getAsInt() != 0) {
                Optional<TaskFailure> failure = child.failure();
                throw new IllegalStateException("child " + child.name() + " exited with " + exit.getAsInt()
                        + (failure.isPresent() ? "" : " without a task failure (did its JVM start? see its"
                                                      + " standard error above)"), failure.orElse(null));
            }
        }
    }

    private static void joinAll(List<TaskProcess> children, long deadline) throws InterruptedException,
            TimeoutException {
        for (TaskProcess child : children) {
            if (!child.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                throw new TimeoutException("child " + child.name() + " did not exit before the deadline");
            }
        }
        checkChildren(children);
    }

    private static void expect(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("expected '" + expected + "' from a child, got '" + actual + "'");
        }
    }

    /**
     * Describes why jbilliard could not be measured, naming the missing part when the reference
     * implementation is not complete yet.
     *
     * @param failure what was thrown
     * @return a one-line message starting with "jbilliard: "
     */
    public static String describe(Throwable failure) {
        return describe(Impl.JBILLIARD, failure);
    }

    /**
     * Describes why a jbilliard contender could not be measured, as {@link #describe(Throwable)}.
     *
     * @param impl    the contender
     * @param failure what was thrown
     * @return a one-line message starting with the contender's id and ": "
     */
    public static String describe(Impl impl, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith("org.jbilliard.reference.")) {
                        String owner = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                        return impl.id() + ": " + owner + " not implemented yet (" + owner + "." + frame.getMethodName()
                                + ": " + t.getMessage() + ")";
                    }
                }
            }
        }
        StringBuilder message = new StringBuilder(impl.id() + ": ");
        String separator = "";
        String previous = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String text = t instanceof TaskFailure remote ? remote.toString()
                    : t.getClass().getSimpleName() + ": " + t.getMessage();
            // a wrapper that already quotes its cause's message says it all
            if (previous == null || t.getMessage() == null || !previous.contains(t.getMessage())) {
                message.append(separator).append(text);
                separator = "; caused by ";
            }
            previous = text;
        }
        return message.toString();
    }
}
