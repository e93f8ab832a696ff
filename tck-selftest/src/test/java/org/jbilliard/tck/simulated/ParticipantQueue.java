package org.jbilliard.tck.simulated;

import java.time.Duration;
import java.util.Objects;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;
import org.jbilliard.tck.mutants.ForwardingQueue;

/**
 * A queue handle of {@link SimulatedContext}: every operation first consults the calling thread's
 * {@link Participant} (stopped: park; killed: unwind), and {@link #address()} is the simulated address the
 * handle was made for. Serializable, as the handle it decorates: a task gets a decorated new handle.
 * Thread-safe as the delegate.
 *
 * @param <T> item type
 */
class ParticipantQueue<T> extends ForwardingQueue<T> {
    private static final long serialVersionUID = 1L;

    private final String address;

    ParticipantQueue(Queue<T> delegate, String address) {
        super(delegate);
        this.address = Objects.requireNonNull(address, "address");
    }

    /** @return the decorated handle, for an attach that makes a new one of the same queue */
    Queue<T> real() {
        return delegate;
    }

    @Override
    public void put(T item) throws InterruptedException {
        Participant.blocking(() -> {
            delegate.put(item);
            return null;
        });
    }

    @Override
    public void put(T item, Duration timeout) throws InterruptedException, Full {
        Objects.requireNonNull(timeout, "timeout");
        Participant.blocking(() -> {
            delegate.put(item, timeout);
            return null;
        });
    }

    @Override
    public void putNowait(T item) throws Full {
        Participant.enter();
        delegate.putNowait(item);
    }

    @Override
    public T get() throws InterruptedException {
        return Participant.get(delegate::get, delegate::get);
    }

    @Override
    public T get(Duration timeout) throws InterruptedException, Empty {
        return Participant.get(delegate::get, Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public T getNowait() throws Empty {
        Participant.enter();
        return delegate.getNowait();
    }

    @Override
    public int qsize() {
        Participant.enter();
        return delegate.qsize();
    }

    @Override
    public boolean empty() {
        Participant.enter();
        return delegate.empty();
    }

    @Override
    public boolean full() {
        Participant.enter();
        return delegate.full();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void joinThread() throws InterruptedException {
        Participant.blocking(() -> {
            delegate.joinThread();
            return null;
        });
    }
}
