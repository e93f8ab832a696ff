package org.jbilliard.reference.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open handles of this JVM, closed by a shutdown hook: each handle's feeder flushes first
 * (unless {@code cancelJoinThread()} opted out — as billiard joins its feeder threads at exit), then
 * its slot is released and, if it was the last participant, the queue's files are deleted.
 *
 * <p>Thread-safe.
 */
final class HandleRegistry {

    private static final Set<PipeHandle> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private HandleRegistry() {
    }

    static void register(PipeHandle handle) {
        if (!hooked) {
            synchronized (HandleRegistry.class) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(HandleRegistry::closeAll, "jbilliard-queues-exit"));
                    hooked = true;
                }
            }
        }
        OPEN.add(handle);
    }

    static void unregister(PipeHandle handle) {
        OPEN.remove(handle);
    }

    static int openCount() {
        return OPEN.size();
    }

    private static void closeAll() {
        List<PipeHandle> handles = new ArrayList<>(OPEN);
        for (PipeHandle h : handles) {
            try {
                h.closeAtExit();
            } catch (RuntimeException e) {
                // exiting anyway: a handle that cannot be closed is left to the survivors' repair
            }
        }
    }
}
