package org.jbilliard.tck.mutants;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;

/** Mutants that break {@link TaskProcess}. */
public final class ProcessMutants {

    private ProcessMutants() {
    }

    /** A second start() is silently ignored. */
    static TaskProcess startTwiceAllowed(TaskProcess process) {
        return new ForwardingProcess(process) {
            private boolean started;

            @Override
            public synchronized void start() {
                if (!started) {
                    started = true;
                    delegate.start();
                }
            }
        };
    }

    /** exitCode() reports 0 as soon as the process started. */
    static TaskProcess exitCodeWhileRunning(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public OptionalInt exitCode() {
                return delegate.pid().isPresent() && delegate.isAlive() ? OptionalInt.of(0) : delegate.exitCode();
            }
        };
    }

    /** A task that failed reports exit code 0. */
    static TaskProcess wrongExitCode(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public OptionalInt exitCode() {
                OptionalInt code = delegate.exitCode();
                return code.isPresent() && code.getAsInt() == 1 ? OptionalInt.of(0) : code;
            }
        };
    }

    /** join(timeout) returns at once. */
    static TaskProcess processJoinIgnoresTimeout(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public boolean join(Duration timeout) throws InterruptedException {
                return delegate.join(Duration.ZERO);
            }
        };
    }

    /** join() retries after an interrupt; join(timeout) reports it as false. */
    static TaskProcess processJoinInterruptBroken(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public void join() {
                while (true) {
                    try {
                        delegate.join();
                        return;
                    } catch (InterruptedException e) {
                        // the defect: retry
                    }
                }
            }

            @Override
            public boolean join(Duration timeout) {
                try {
                    return delegate.join(timeout);
                } catch (InterruptedException e) {
                    return false;
                }
            }
        };
    }

    /** name() ignores the options. */
    static TaskProcess nameIgnored(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public String name() {
                return "TaskProcess";
            }

            @Override
            public boolean isDaemon() {
                return false;
            }
        };
    }

    /** pid() is present before start. */
    static TaskProcess pidBeforeStart(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public OptionalLong pid() {
                return OptionalLong.of(ProcessHandle.current().pid());
            }
        };
    }

    /** close() swallows the caller's interrupt. */
    static TaskProcess closeClearsInterrupt(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public void close() {
                delegate.close();
                Thread.interrupted(); // the defect
            }
        };
    }

    /** close() returns without stopping the process. */
    static TaskProcess closeDoesNotStop(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public void close() {
                // the defect
            }
        };
    }

    /** Tasks are run as the very object given, never serialized: no copies, no check. */
    static final Map<String, Task> TASKS = new ConcurrentHashMap<>();

    static Context runsTaskWithoutCopy(Context context) {
        return new ForwardingContext(context) {
            @Override
            public TaskProcess process(Task task, ProcessOptions options) {
                String token = UUID.randomUUID().toString();
                TASKS.put(token, task);
                return delegate.process(() -> TASKS.remove(token).run(), options);
            }
        };
    }

    /** capturedStdout()/capturedStderr() return "" instead of refusing without capture. */
    static TaskProcess outputWithoutCapture(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public String capturedStdout() {
                return "";
            }

            @Override
            public String capturedStderr() {
                return "";
            }
        };
    }

    /** Declares CROSS_PROCESS, but tasks run on threads of this JVM. */
    static Context claimsCrossProcess(Context context) {
        return new ForwardingContext(context) {
            @Override
            public Set<Feature> features() {
                EnumSet<Feature> features = EnumSet.copyOf(delegate.features());
                features.add(Feature.CROSS_PROCESS);
                return java.util.Collections.unmodifiableSet(features);
            }
        };
    }

    /** kill() terminates (SIGTERM) instead of killing. */
    static TaskProcess killTerminates(TaskProcess process) {
        return new ForwardingProcess(process) {
            @Override
            public void kill() {
                delegate.terminate();
            }
        };
    }
}
