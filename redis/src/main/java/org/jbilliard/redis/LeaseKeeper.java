package org.jbilliard.redis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the leases of every open handle on one server alive and reaps the handles of dead
 * participants: one daemon thread per server, once per {@link RedisConfig#leaseRefresh()}, runs
 * {@code lease.lua} then {@code reap.lua} for each queue this JVM has open. A JVM that is killed
 * stops refreshing; its handles lapse after {@link RedisConfig#leaseTime()} and the next reaper run
 * of any other participant gives back what they held.
 *
 * <p>A shutdown hook closes the handles still open when the JVM exits normally (a task process
 * leaving through {@code System.exit} included), so that they need not lapse first.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 */
final class LeaseKeeper {

    private static final Set<QueueCore> ALL = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LeaseKeeper::closeAll, "jbilliard-redis-close"));
    }

    private final Server server;
    private final Set<QueueCore> open = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    LeaseKeeper(Server server) {
        this.server = server;
    }

    synchronized void register(QueueCore core) {
        open.add(core);
        ALL.add(core);
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jbilliard-redis-leases " + server.uri());
                t.setDaemon(true);
                return t;
            });
            long period = server.config.leaseRefresh().toMillis();
            timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    void unregister(QueueCore core) {
        open.remove(core);
        ALL.remove(core);
    }

    private void tick() {
        for (QueueCore core : open) {
            try {
                core.refreshLeases();
            } catch (RuntimeException e) {
                // Server unavailable or the queue deleted: the next tick tries again; the callers
                // see the outage themselves.
            }
        }
    }

    private static void closeAll() {
        for (QueueCore core : ALL) {
            try {
                core.closeAtExit();
            } catch (RuntimeException e) {
                // leaving anyway: the leases lapse and a reaper gives back what they held
            }
        }
    }
}
