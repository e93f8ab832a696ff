package org.jbilliard.tck.simulated;

import java.time.Duration;
import java.util.Objects;
import org.jbilliard.JoinableQueue;

/**
 * A joinable queue handle of {@link SimulatedContext}, as {@link ParticipantQueue}. Thread-safe as the
 * delegate.
 *
 * @param <T> item type
 */
final class ParticipantJoinableQueue<T> extends ParticipantQueue<T> implements JoinableQueue<T> {
    private static final long serialVersionUID = 1L;

    ParticipantJoinableQueue(JoinableQueue<T> delegate, String address) {
        super(delegate, address);
    }

    private JoinableQueue<T> joinable() {
        return (JoinableQueue<T>) real();
    }

    @Override
    public void taskDone() {
        Participant.enter();
        joinable().taskDone();
    }

    @Override
    public void join() throws InterruptedException {
        Participant.blocking(() -> {
            joinable().join();
            return null;
        });
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return Participant.blocking(() -> joinable().join(timeout));
    }
}
