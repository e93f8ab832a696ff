package org.jbilliard.tck.mutants;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;

/** Mutants that lie about their features. */
public final class FeatureMutants {

    private FeatureMutants() {
    }

    static Set<Feature> without(Set<Feature> features, Feature feature) {
        EnumSet<Feature> copy = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        copy.remove(feature);
        return java.util.Collections.unmodifiableSet(copy);
    }

    /** Does not declare QSIZE, yet qsize() counts. */
    static Context qsizeUndeclaredButWorks(Context context) {
        return new ForwardingContext(context) {
            @Override
            public Set<Feature> features() {
                return without(delegate.features(), Feature.QSIZE);
            }
        };
    }

    /** Does not declare ATTACH_BY_ADDRESS, yet address() and attach work. */
    static Context attachUndeclaredButWorks(Context context) {
        return new ForwardingContext(context) {
            @Override
            public Set<Feature> features() {
                return without(delegate.features(), Feature.ATTACH_BY_ADDRESS);
            }
        };
    }

    /** attachQueue() returns a new, unrelated queue. */
    static Context attachCreatesNewQueue(Context context) {
        return new ForwardingContext(context) {
            @Override
            public <T> Queue<T> attachQueue(String address) {
                return delegate.queue(delegate.attachQueue(address).maxsize());
            }
        };
    }

    /** Without SIGNALS, terminate() and kill() silently do nothing. */
    static TaskProcess silentSignals(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public void terminate() {
                // the defect: neither a signal nor UnsupportedOperationException
            }

            @Override
            public void kill() {
                // the defect
            }
        };
    }

    /** Does not declare CROSS_PROCESS, yet reports a pid other than the JVM's. */
    static TaskProcess fakePid(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public OptionalLong pid() {
                OptionalLong pid = delegate.pid();
                return pid.isPresent() ? OptionalLong.of(pid.getAsLong() + 1) : pid;
            }
        };
    }
}
