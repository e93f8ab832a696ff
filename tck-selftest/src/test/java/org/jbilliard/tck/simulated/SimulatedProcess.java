package org.jbilliard.tck.simulated;

import java.util.Optional;
import java.util.OptionalInt;
import org.jbilliard.Context;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.mutants.ForwardingProcess;

/**
 * A process of {@link SimulatedContext} with simulated signals: {@link #kill()} and {@link #terminate()}
 * mark its {@link Participant} and interrupt its thread, so that the task unwinds at its next queue
 * operation or from the queue wait it is blocked in, and exits with {@code -9} or {@code -15}; a task
 * spinning without touching a queue cannot be killed. {@link #suspend()} stops the task at its next queue
 * operation, and a get it is blocked in takes nothing until {@link #resume()}. Thread-safe.
 */
final class SimulatedProcess extends ForwardingProcess {

    private final Participant participant;
    private volatile boolean started;

    private SimulatedProcess(TaskProcess delegate, Participant participant) {
        super(delegate);
        this.participant = participant;
    }

    static SimulatedProcess create(Context context, Task task, ProcessOptions options) {
        Participant participant = new Participant();
        try {
            return new SimulatedProcess(context.process(new ParticipantTask(participant.id, task), options),
                    participant);
        } catch (RuntimeException e) {
            participant.forget();
            throw e;
        }
    }

    @Override
    public void start() {
        delegate.start();
        started = true;
    }

    @Override
    public OptionalInt exitCode() {
        OptionalInt code = delegate.exitCode();
        return code.isPresent() && participant.hasDiedOfSignal() ? OptionalInt.of(-participant.killSignal()) : code;
    }

    @Override
    public Optional<TaskFailure> failure() {
        return participant.hasDiedOfSignal() ? Optional.empty() : delegate.failure();
    }

    @Override
    public void terminate() {
        signal(15, "terminate");
    }

    @Override
    public void kill() {
        signal(9, "kill");
    }

    private void signal(int signal, String operation) {
        if (!started) {
            throw new IllegalStateException(operation + "() on " + name() + ", which was never started");
        }
        if (delegate.isAlive()) {
            participant.signal(signal);
        }
    }

    @Override
    public void suspend() {
        if (!started) {
            throw new IllegalStateException("suspend() on " + name() + ", which was never started");
        }
        participant.suspend();
    }

    @Override
    public void resume() {
        participant.resume();
    }

    @Override
    public void close() {
        if (started && delegate.isAlive()) {
            participant.signal(9);
        }
        participant.resume();
        participant.forget();
        delegate.close();
    }

    @Override
    public String toString() {
        return "SimulatedProcess[" + delegate + "]";
    }

    /** The task as it travels: finds its participant on its thread and dies of a simulated signal there. */
    private static final class ParticipantTask implements Task {
        private static final long serialVersionUID = 1L;

        private final long participant;
        private final Task task;

        ParticipantTask(long participant, Task task) {
            this.participant = participant;
            this.task = task;
        }

        @Override
        public void run() throws Exception {
            Participant p = Participant.byId(participant);
            p.bind();
            try {
                task.run();
            } catch (Exception | Error e) {
                if (p.killSignal() == 0) {
                    throw e;
                }
                // killed: whatever unwound the task, it died of the signal (no traceback, as a killed process)
                p.diedOfSignal();
            } finally {
                p.unbind();
            }
        }
    }
}
