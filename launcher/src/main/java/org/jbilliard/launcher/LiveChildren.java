package org.jbilliard.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The started, not yet reaped children of this JVM, and billiard's exit rule for them: when this JVM
 * shuts down normally ({@code main} returned, {@code System.exit}), its daemon children are
 * terminated and its non-daemon children are joined; when a signal (SIGTERM, SIGINT, SIGHUP) shuts
 * it down, every child is terminated, as an abrupt death of the parent would end them too. Children
 * still alive {@link #GRACE} after SIGTERM are killed. Warm spares ({@link WarmSpares}) are killed
 * first, whatever the reason of the shutdown. A parent killed outright runs no hook at all:
 * then each child's {@link ParentWatcher} notices the end of its standard input and exits.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 */
final class LiveChildren {

    static final Duration GRACE = Duration.ofSeconds(5);

    private static final Set<JvmTaskProcess> CHILDREN = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private LiveChildren() {
    }

    static void add(JvmTaskProcess child) {
        installHook();
        CHILDREN.add(child);
    }

    /** Installs the exit hook once; later calls do nothing. */
    static void installHook() {
        synchronized (LiveChildren.class) {
            if (!hookInstalled) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(LiveChildren::atExit, "jbilliard-children-at-exit"));
                } catch (IllegalStateException e) {
                    // Already shutting down: the child's ParentWatcher ends it when this JVM is gone.
                }
                hookInstalled = true;
            }
        }
    }

    static void remove(JvmTaskProcess child) {
        CHILDREN.remove(child);
    }

    private static void atExit() {
        // NOTE: first, so that no spare is started while the children are ended.
        WarmSpares.closeAll();
        boolean signalled = ShutdownSignals.initiatingSignal() != 0;
        List<JvmTaskProcess> children = new ArrayList<>(CHILDREN);
        for (JvmTaskProcess child : children) {
            if (signalled || child.isDaemon()) {
                child.terminateQuietly();
            }
        }
        for (JvmTaskProcess child : children) {
            if (!signalled && !child.isDaemon()) {
                child.awaitExitUninterruptibly(null);
            }
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (JvmTaskProcess child : children) {
            child.awaitExitUninterruptibly(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            child.close(); // kills it if still alive, reaps it, deletes its result directory
        }
        StartupCache.stop();
    }
}
