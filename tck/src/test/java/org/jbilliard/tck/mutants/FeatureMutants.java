package org.jbilliard.tck.mutants;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
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
    public static class QsizeUndeclaredButWorks extends ForwardingContext {
        @Override
        public Set<Feature> features() {
            return without(delegate.features(), Feature.QSIZE);
        }
    }

    /** Does not declare ATTACH_BY_ADDRESS, yet address() and attach work. */
    public static class AttachUndeclaredButWorks extends ForwardingContext {
        @Override
        public Set<Feature> features() {
            return without(delegate.features(), Feature.ATTACH_BY_ADDRESS);
        }
    }

    /** attachQueue() returns a new, unrelated queue. */
    public static class AttachCreatesNewQueue extends ForwardingContext {
        @Override
        public <T> Queue<T> attachQueue(String address) {
            return delegate.queue(delegate.attachQueue(address).maxsize());
        }
    }

    /** Without SIGNALS, terminate() and kill() silently do nothing. */
    public static class SilentSignals extends ForwardingContext {
        @Override
        protected TaskProcess wrapProcess(TaskProcess process) {
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
    }

    /** Does not declare CROSS_PROCESS, yet reports a pid other than the JVM's. */
    public static class FakePid extends ForwardingContext {
        @Override
        protected TaskProcess wrapProcess(TaskProcess process) {
            return new ForwardingProcess(process) {
                @Override
                public OptionalLong pid() {
                    OptionalLong pid = delegate.pid();
                    return pid.isPresent() ? OptionalLong.of(pid.getAsLong() + 1) : pid;
                }
            };
        }
    }
}
