package org.jbilliard.tck.rules;

import java.util.List;

/** The classes that hold the TCK's rule tests, in the order they run. Stateless; thread-safe. */
public final class RuleClasses {

    private RuleClasses() {
    }

    /**
     * Returns every rule test class (Jupiter tests and jqwik properties).
     *
     * @return the classes
     */
    public static List<Class<?>> all() {
        return List.of(
                ContextRules.class,
                QueueRules.class,
                JoinableQueueRules.class,
                SimpleQueueRules.class,
                ProcessRules.class,
                CrossProcessRules.class,
                FeatureRules.class,
                CrashRules.class,
                StallRules.class,
                QueueProperties.class);
    }
}
