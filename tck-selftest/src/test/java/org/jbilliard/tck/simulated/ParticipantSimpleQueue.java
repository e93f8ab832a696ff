package org.jbilliard.tck.simulated;

import java.util.Objects;
import org.jbilliard.SimpleQueue;
import org.jbilliard.tck.mutants.ForwardingSimpleQueue;

/**
 * A simple queue handle of {@link SimulatedContext}, as {@link ParticipantQueue}. A get blocked here is
 * unwound by a kill; it is not held back by a stop (a {@code SimpleQueue} has no timed get to wait in
 * slices, and no stalled-participant rule stops a {@code SimpleQueue} reader). Thread-safe as the delegate.
 *
 * @param <T> item type
 */
final class ParticipantSimpleQueue<T> extends ForwardingSimpleQueue<T> {
    private static final long serialVersionUID = 1L;

    private final String address;

    ParticipantSimpleQueue(SimpleQueue<T> delegate, String address) {
        super(delegate);
        this.address = Objects.requireNonNull(address, "address");
    }

    SimpleQueue<T> real() {
        return delegate;
    }

    @Override
    public T get() throws InterruptedException {
        return Participant.blocking(delegate::get);
    }

    @Override
    public void put(T item) throws InterruptedException {
        Participant.blocking(() -> {
            delegate.put(item);
            return null;
        });
    }

    @Override
    public boolean empty() {
        Participant.enter();
        return delegate.empty();
    }

    @Override
    public byte[] getPayload() throws InterruptedException {
        return Participant.blocking(delegate::getPayload);
    }

    @Override
    public void sendPayload(byte[] payload) throws InterruptedException {
        Participant.blocking(() -> {
            delegate.sendPayload(payload);
            return null;
        });
    }

    @Override
    public String address() {
        return address;
    }
}
