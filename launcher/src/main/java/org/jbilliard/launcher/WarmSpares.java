package org.jbilliard.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jbilliard.ProcessOptions;

/**
 * An opt-in pool of spare child JVMs, started ahead and kept waiting, so that
 * {@link org.jbilliard.TaskProcess#start()} hands its task to a JVM that is already running instead
 * of booting one — billiard's forkserver, done the Java way (Java cannot fork). A context offers it
 * as a setting (the reference's {@code ReferenceContext.withWarmSpares}, the Redis context's
 * {@code RedisContext.withWarmSpares}); this class is the launcher's part, shared by both.
 *
 * <h2>What a spare is</h2>
 * A spare is spawned with exactly the command a fresh child would get — the same {@code java}, the
 * same class path, the same start-up, inherited and user options, the same start-up cache, the same
 * output handling — and told only that it is a spare: it warms up (the context's prelude, the
 * serialization machinery a task's deserialization needs), records that it is ready and blocks on
 * its standard input for a launch request. Handing it a task is writing that request; from then on it
 * is a child like any other (exit codes, signals, orphan prevention, captured output).
 *
 * <h2>Which requests a spare serves</h2>
 * A request is served from the pool only if its command is <em>equal</em> to the pool's, so a spare
 * never runs a task with another class path or other options than a fresh child would have. The pool's
 * command is computed from its {@link ProcessOptions} (JVM options, start-up profile, start-up cache,
 * captured output; name and daemon flag play no part) and the class path a task of the application
 * class path gets. A request whose options differ from the pool's starts cold and leaves the pool as
 * it is. A request with the pool's options whose command still differs — its task's class comes from
 * another location (e.g. a test class directory that {@code java.class.path} names only through a
 * manifest), or the start-up cache became ready since the spares were started — starts cold too, and
 * the pool replaces its spares by spares of that command, so the next such request is served warm.
 *
 * <h2>Lifetime</h2>
 * Spares are started at once by {@link #start}, and one is started again whenever one is handed out
 * (after 250 ms, so that the replacement's boot does not take the CPU from
 * the task just handed out; starts in quicker succession than that, beyond the pool's size, start
 * cold) or dies while waiting (a dead spare is never handed out: it is removed and replaced; after three
 * spares in a row died without serving, e.g. because of a bad JVM option, the pool stops replacing
 * them until its command changes). {@link #close()} kills and reaps them; so does this JVM's normal
 * exit (a shutdown hook). A spare's standard input is a pipe that only this process holds, as for any
 * child, so a parent that dies in any other way — SIGKILL included — leaves every spare reading end
 * of file: it deletes its result directory and exits at once.
 *
 * <p>Costs: each spare is an idle JVM (tens of MB of memory, no CPU while it waits); handing one out
 * starts a replacement in the background, which competes for the CPU with the task that was just
 * started.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 *
 * <p>Implementation notes: {@code lock} guards {@code command}, {@code spares}, {@code spawning},
 * {@code deaths}, {@code refillNotBefore} and {@code closed}; the refill thread spawns outside it and adds the spare under
 * it, dropping it if the command changed or the pool closed meanwhile.
 */
public final class WarmSpares implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<WarmSpares> OPEN = ConcurrentHashMap.newKeySet();
    private static final int MAX_EARLY_DEATHS = 3;
    /**
     * How long after a handout the replacement is started: a booting JVM takes a core for a few
     * hundred milliseconds, which the task just handed out needs for its own start (measured with
     * {@code process-start-warm} on two loaded cores: p99 40-106 ms without the delay, 24-38 ms with).
     */
    static final long REFILL_DELAY_MILLIS = 250;
    private static final long REFILL_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(REFILL_DELAY_MILLIS);

    private final int count;
    private final ProcessOptions options;
    private final LaunchSupport support;
    private final String label;
    private final Object lock = new Object();
    private final Thread refill;

    // Guarded by lock.
    private List<String> command;
    private final ArrayDeque<ChildJvm> spares = new ArrayDeque<>();
    private int spawning;
    private int deaths;
    private long refillNotBefore = System.nanoTime();
    private boolean closed;

    private WarmSpares(int count, ProcessOptions options, LaunchSupport support) {
        this.count = count;
        this.options = options;
        this.support = support;
        this.label = "spare-" + COUNTER.incrementAndGet();
        this.command = ChildCommand.build(options, ChildMain.class, support);
        this.refill = new Thread(this::refillLoop, "jbilliard-warm-" + label);
        refill.setDaemon(true);
    }

    /**
     * Starts a pool of {@code count} spare JVMs for the children of {@code support}'s context that
     * have these options.
     *
     * @param count   how many spares to keep waiting, {@code >= 1}
     * @param options the options of the requests the spares serve (JVM options, start-up profile and
     *                cache, captured output; name and daemon flag are ignored)
     * @param support the context's launch support
     * @return the pool, whose spares are starting
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws NullPointerException     if an argument is {@code null}
     */
    public static WarmSpares start(int count, ProcessOptions options, LaunchSupport support) {
        if (count < 1) {
            throw new IllegalArgumentException("a pool of warm spares needs at least one spare, not " + count);
        }
        WarmSpares pool = new WarmSpares(count, Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(support, "support"));
        LiveChildren.installHook();
        OPEN.add(pool);
        pool.refill.start();
        return pool;
    }

    /**
     * Returns how many spares the pool keeps.
     *
     * @return the count given to {@link #start}
     */
    public int count() {
        return count;
    }

    /**
     * Returns the options of the requests the spares serve.
     *
     * @return the options given to {@link #start}
     */
    public ProcessOptions options() {
        return options;
    }

    LaunchSupport support() {
        return support;
    }

    /**
     * Returns the pids of the spares alive and waiting now (not those being spawned).
     *
     * @return the pids, oldest spare first
     */
    public List<Long> pids() {
        synchronized (lock) {
            List<Long> pids = new ArrayList<>();
            for (ChildJvm spare : spares) {
                if (spare.process.isAlive()) {
                    pids.add(spare.process.pid());
                }
            }
            return pids;
        }
    }

    /**
     * Waits until the pool holds {@link #count()} live spares that have all warmed up.
     *
     * @param timeout the longest to wait
     * @return whether they are ready; {@code false} if the timeout elapsed or the pool is closed
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!closed) {
                if (allReady()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // NOTE: a spare tells that it is ready by a file in its result directory, which gives
                // no wake-up: poll it every millisecond; a spawn or death wakes the wait at once.
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
            }
            return false;
        }
    }

    private boolean allReady() {
        if (spares.size() < count) {
            return false;
        }
        for (ChildJvm spare : spares) {
            if (!spare.process.isAlive() || !spare.results.readReady()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes a spare that matches a request, if there is one; called by {@code start()}.
     *
     * @param requested the command a fresh child of the request would get
     * @param requestOptions the request's options
     * @return the spare, alive, or {@code null} to start cold
     */
    ChildJvm take(List<String> requested, ProcessOptions requestOptions) {
        synchronized (lock) {
            if (closed || !sameSpawn(requestOptions, options)) {
                return null;
            }
            if (!requested.equals(command)) {
                // The pool's spares cannot serve this request, but the next one of its kind: follow it.
                command = List.copyOf(requested);
                deaths = 0;
                for (ChildJvm spare : spares) {
                    spare.process.destroyForcibly();
                }
                spares.clear();
                lock.notifyAll();
                return null;
            }
            ChildJvm chosen = null;
            for (Iterator<ChildJvm> it = spares.iterator(); it.hasNext(); ) {
                ChildJvm spare = it.next();
                if (!spare.process.isAlive()) {
                    it.remove(); // its exit handler counts it and cleans up
                    continue;
                }
                if (chosen == null || (!chosen.results.readReady() && spare.results.readReady())) {
                    chosen = spare;
                }
            }
            if (chosen != null) {
                spares.remove(chosen);
                chosen.handedOut = true;
                deaths = 0;
                refillNotBefore = System.nanoTime() + REFILL_DELAY_NANOS;
            }
            lock.notifyAll();
            return chosen;
        }
    }

    /** Whether two requests spawn the same JVM (given the same task class). */
    private static boolean sameSpawn(ProcessOptions a, ProcessOptions b) {
        return a.jvmOptions().equals(b.jvmOptions()) && a.startupProfile() == b.startupProfile()
                && a.startupCacheEnabled() == b.startupCacheEnabled()
                && a.startupCacheDirectory().equals(b.startupCacheDirectory())
                && a.captureOutput() == b.captureOutput();
    }

    private void refillLoop() {
        while (true) {
            List<String> target;
            synchronized (lock) {
                while (!closed) {
                    long early = refillNotBefore - System.nanoTime();
                    boolean full = spares.size() + spawning >= count || deaths >= MAX_EARLY_DEATHS;
                    if (!full && early <= 0) {
                        break;
                    }
                    try {
                        if (full) {
                            lock.wait();
                        } else {
                            TimeUnit.NANOSECONDS.timedWait(lock, early);
                        }
                    } catch (InterruptedException e) {
                        return; // only close() interrupts
                    }
                }
                if (closed) {
                    return;
                }
                target = command;
                spawning++;
            }
            ChildJvm spare = spawn(target);
            boolean closing;
            synchronized (lock) {
                spawning--;
                closing = closed;
                if (spare == null) {
                    deaths++;
                } else if (!closed && target.equals(command)) {
                    spares.add(spare);
                    spare = null;
                }
                lock.notifyAll();
            }
            if (spare != null) {
                // Spawned for a command the pool no longer has, or after close(): end it. NOTE:
                // reaped before close() returns (close joins this thread), so that no spare outlives it.
                if (closing) {
                    spare.killAndReap();
                    spare.results.deleteQuietly();
                } else {
                    spare.process.destroyForcibly(); // its exit handler deletes its directory
                }
            }
        }
    }

    /** Spawns one spare of {@code target} and tells it that it is one; {@code null} if that failed. */
    private ChildJvm spawn(List<String> target) {
        ChildJvm spare;
        try {
            spare = ChildJvm.spawn(target, options.captureOutput(), label);
        } catch (IOException e) {
            return null;
        }
        try {
            spare.results = ResultDirectory.create();
            new LaunchRequest.Spare(spare.results.path(), support.childPrelude(null).orElse("")).writeTo(spare.control);
        } catch (IOException | RuntimeException e) {
            spare.killAndReap();
            if (spare.results != null) {
                spare.results.deleteQuietly();
            }
            return null;
        }
        ResultDirectory dir = spare.results;
        spare.process.onExit().whenComplete((exited, error) -> died(spare, dir));
        return spare;
    }

    /** Exit handler of every spare: forget it if it was still waiting, delete its directory if unused. */
    private void died(ChildJvm spare, ResultDirectory dir) {
        synchronized (lock) {
            if (spares.remove(spare)) {
                deaths++; // died while waiting, not killed by the pool
                lock.notifyAll();
            }
        }
        // A spare handed out has its directory read and deleted by its process; one never handed out
        // has no other reader.
        if (!spare.handedOut) {
            dir.deleteQuietly();
        }
    }

    /**
     * Kills and reaps every waiting spare and stops starting new ones. Processes already handed a
     * task are not affected. Idempotent.
     */
    @Override
    public void close() {
        List<ChildJvm> waiting;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = new ArrayList<>(spares);
            spares.clear();
            lock.notifyAll();
        }
        OPEN.remove(this);
        refill.interrupt();
        for (ChildJvm spare : waiting) {
            spare.killAndReap();
            spare.results.deleteQuietly();
        }
        // A spawn in flight adds nothing once closed: the refill thread kills it; wait for that.
        try {
            refill.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** At this JVM's exit: closes every open pool. */
    static void closeAll() {
        for (WarmSpares pool : new ArrayList<>(OPEN)) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "WarmSpares[" + label + ", " + spares.size() + "/" + count + " waiting"
                    + (closed ? ", closed" : "") + ", " + options + "]";
        }
    }
}
