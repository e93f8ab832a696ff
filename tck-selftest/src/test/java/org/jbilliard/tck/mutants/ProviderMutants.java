package org.jbilliard.tck.mutants;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mutants of how an implementation is found: context classes of their own, listed in this module's
 * {@code META-INF/services/org.jbilliard.Context} as an implementation's jar lists its class.
 */
public final class ProviderMutants {

    private ProviderMutants() {
    }

    /**
     * The in-JVM implementation under a name that differs from one instance to the next (say, one that
     * includes its configuration or a counter), so that {@code Context.load(name())} never finds it.
     * Thread-safe.
     */
    public static final class RenamedPerInstance extends ForwardingContext {
        private static final AtomicInteger INSTANCES = new AtomicInteger();

        private final String name = "dummy-" + INSTANCES.incrementAndGet();

        /** Creates the context; the constructor ServiceLoader calls. */
        public RenamedPerInstance() {
        }

        @Override
        public String name() {
            return name;
        }
    }
}
