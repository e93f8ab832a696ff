package org.jbilliard.reference.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.nativeio.LibC;

/**
 * Runs producers and consumers on one {@link Queue} and one {@link JoinableQueue}, SIGKILLs random
 * participants at random moments, replaces them, and judges what is left.
 *
 * <p>Kills land wherever the victim happens to be: blocked in {@code get}, reading or writing a
 * frame (every {@code largeEvery}-th item is larger than a pipe page), between {@code put} and the
 * flush, holding a lock. The run is then wound down without kills: producers finish and flush, the
 * queues must drain to {@code qsize() == 0}, consumers get one {@code null} each and exit.
 */
final class ChaosRunner {

    private final Context context;
    private final ChaosConfig config;
    private final Path logs;

    ChaosRunner(Context context, ChaosConfig config, Path logs) {
        if (!context.supports(Feature.CROSS_PROCESS) || !context.supports(Feature.SIGNALS)) {
            throw new IllegalArgumentException(context.name() + " lacks CROSS_PROCESS or SIGNALS: nothing to kill");
        }
        this.context = context;
        this.config = config;
        this.logs = logs;
    }

    ChaosReport run() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + config.deadline().toNanos();
        Random random = new Random(config.seed());
        ChaosReport report = new ChaosReport(config.seed());
        report.loadBefore = ChaosReport.loadAverage();
        report.slackMillis = config.slack().toMillis();
        Set<String> started = new HashSet<>();
        Set<String> killedProducers = new HashSet<>();
        Map<String, List<long[]>> stopWindows = new HashMap<>();
        Map<String, Long> killTimes = new HashMap<>();
        Files.createDirectories(logs);
        try (Queue<byte[]> queue = context.queue(64); JoinableQueue<byte[]> joinable = context.joinableQueue(64)) {
            List<Participant> producers = new ArrayList<>();
            List<Participant> consumers = new ArrayList<>();
            for (int i = 0; i < config.producers(); i++) {
                int id = i;
                producers.add(new Participant("producer", id, incarnation -> ChaosTasks.producer(queue, joinable,
                        log("producer", id, incarnation), id, incarnation, config.itemsPerProducer(),
                        config.largeEvery(), config.largeSize(), config.getTimeout().toMillis())));
            }
            for (int i = 0; i < config.consumers(); i++) {
                int id = i;
                consumers.add(new Participant("consumer", id, incarnation -> ChaosTasks.consumer(queue, joinable,
                        log("consumer", id, incarnation), config.getTimeout().toMillis())));
            }
            try {
                for (Participant p : producers) {
                    started.add(p.start());
                }
                for (Participant p : consumers) {
                    p.start();
                }
                while (report.kills < config.kills() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(random.nextLong(config.maxKillDelay().toNanos() + 1));
                    for (Participant p : producers) {
                        if (!p.process.isAlive()) {
                            checkExit(report, p);
                            started.add(p.start()); // keep the load on until every kill is sent
                        }
                    }
                    boolean producer = random.nextBoolean();
                    Participant victim = (producer ? producers : consumers)
                            .get(random.nextInt(producer ? producers.size() : consumers.size()));
                    if (!victim.process.isAlive()) {
                        continue;
                    }
                    if (report.stops < config.stops() && random.nextBoolean()) {
                        stop(victim, random.nextLong(config.maxStop().toNanos() + 1), report, stopWindows);
                        continue;
                    }
                    killTimes.put(victim.logName(), System.nanoTime());
                    victim.process.kill();
                    if (!victim.process.join(Duration.ofSeconds(10))) {
                        report.problems.add(victim + " survived SIGKILL for 10 s");
                    }
                    report.kills++;
                    if (producer) {
                        report.producerKills++;
                        killedProducers.add(victim.incarnationKey());
                        started.add(victim.start());
                    } else {
                        report.consumerKills++;
                        victim.start();
                    }
                }
                windDown(queue, joinable, producers, consumers, report, deadline);
            } finally {
                for (Participant p : producers) {
                    p.process.close();
                }
                for (Participant p : consumers) {
                    p.process.close();
                }
            }
        }
        ChaosLedger ledger = ChaosLedger.judge(logs, started, killedProducers, report.consumerKills,
                config.slack().toNanos() / 1_000, stopWindows, killTimes);
        report.take(ledger);
        report.loadAfter = ChaosReport.loadAverage();
        return report;
    }

    private void windDown(Queue<byte[]> queue, JoinableQueue<byte[]> joinable, List<Participant> producers,
                          List<Participant> consumers, ChaosReport report, long deadline)
            throws InterruptedException {
        for (Participant p : producers) {
            if (!p.process.join(remaining(deadline))) {
                report.hangs++;
                report.problems.add(p + " did not finish before the deadline");
            } else {
                checkExit(report, p);
            }
        }
        boolean drained = await(() -> queue.qsize() == 0 && joinable.qsize() == 0, deadline);
        report.qsizeAfter = queue.qsize() + joinable.qsize();
        if (!drained) {
            report.hangs++;
            report.problems.add("queues did not drain: qsize " + queue.qsize() + " + " + joinable.qsize());
        }
        report.emptyAfter = queue.empty() && joinable.empty();
        report.fullAfter = queue.full() || joinable.full();
        for (int i = 0; i < consumers.size(); i++) {
            queue.put(null);
        }
        for (Participant p : consumers) {
            if (!p.process.join(remaining(deadline))) {
                report.hangs++;
                report.problems.add(p + " did not finish before the deadline");
            } else {
                checkExit(report, p);
            }
        }
        Duration joinTimeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        report.joinAfter = joinable.join(joinTimeout);
        long joinMicros = (System.nanoTime() - start) / 1_000;
        if (joinMicros > joinTimeout.toNanos() / 1_000 + config.slack().toNanos() / 1_000) {
            report.problems.add("join(300 ms) took " + joinMicros / 1000 + " ms");
        }
        if (!report.joinAfter && report.consumerKills == 0) {
            report.problems.add("join(Duration) timed out although no consumer was killed holding a task");
        }
    }

    /**
     * SIGSTOP, a pause of {@code nanos}, SIGCONT: the victim is alive but not running meanwhile,
     * wherever it happens to be (holding a lock, mid-frame, blocked in {@code get}).
     */
    private static void stop(Participant victim, long nanos, ChaosReport report,
                             Map<String, List<long[]>> stopWindows) {
        long pid = victim.process.pid().orElse(0);
        long from = System.nanoTime();
        if (pid <= 0 || LibC.kill((int) pid, SIGSTOP) != 0) {
            return; // exited meanwhile
        }
        try {
            LockSupport.parkNanos(nanos);
        } finally {
            LibC.kill((int) pid, SIGCONT);
            // NOTE: the window opens before SIGSTOP and closes after SIGCONT: it covers the whole stop.
            stopWindows.computeIfAbsent(victim.logName(), k -> new ArrayList<>())
                    .add(new long[] {from, System.nanoTime()});
        }
        report.stops++;
        report.stopMillis += nanos / 1_000_000;
    }

    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    private static boolean await(BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private String log(String role, int id, int incarnation) {
        return logs.resolve(role + "-" + id + "-" + incarnation + ".log").toString();
    }

    /** One producer or consumer position, filled by successive incarnations. */
    private final class Participant {
        private final String role;
        private final int id;
        private final java.util.function.IntFunction<Task> body;
        private int incarnation = -1;
        private TaskProcess process;

        Participant(String role, int id, java.util.function.IntFunction<Task> body) {
            this.role = role;
            this.id = id;
            this.body = body;
        }

        /** Starts the next incarnation and returns its key. */
        String start() {
            incarnation++;
            process = context.process(body.apply(incarnation),
                    ProcessOptions.defaults().withName(role + "-" + id + "-" + incarnation).withCapturedOutput(true));
            process.start();
            return incarnationKey();
        }

        /** The file name of the current incarnation's log. */
        String logName() {
            return Path.of(log(role, id, incarnation)).getFileName().toString();
        }

        String incarnationKey() {
            return id + "/" + incarnation;
        }

        @Override
        public String toString() {
            return role + " " + id + " incarnation " + incarnation;
        }

        String failure() {
            return process.failure().map(f -> {
                java.io.StringWriter text = new java.io.StringWriter();
                f.printStackTrace(new java.io.PrintWriter(text));
                return text.toString();
            }).orElse("exit code " + process.exitCode() + ", stderr: " + process.capturedStderr());
        }
    }

    /** Adds a problem if a participant that was not killed exited abnormally. */
    private static void checkExit(ChaosReport report, Participant p) {
        if (p.process.exitCode().orElse(0) != 0) {
            report.problems.add(p + " failed: " + p.failure());
        }
    }
}
