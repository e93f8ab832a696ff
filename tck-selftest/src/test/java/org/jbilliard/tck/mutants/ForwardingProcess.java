package org.jbilliard.tck.mutants;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.support.Suspendable;

/** A process handle that forwards every call, including {@link Suspendable}'s where the delegate has them. */
public class ForwardingProcess implements TaskProcess, Suspendable {

    /** The handle calls are forwarded to. */
    protected final TaskProcess delegate;

    /**
     * Wraps a handle.
     *
     * @param delegate the real handle
     */
    public ForwardingProcess(TaskProcess delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void join() throws InterruptedException {
        delegate.join();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return delegate.join(timeout);
    }

    @Override
    public boolean isAlive() {
        return delegate.isAlive();
    }

    @Override
    public OptionalInt exitCode() {
        return delegate.exitCode();
    }

    @Override
    public OptionalLong pid() {
        return delegate.pid();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean isDaemon() {
        return delegate.isDaemon();
    }

    @Override
    public void terminate() {
        delegate.terminate();
    }

    @Override
    public void kill() {
        delegate.kill();
    }

    @Override
    public Optional<TaskFailure> failure() {
        return delegate.failure();
    }

    @Override
    public String capturedStdout() {
        return delegate.capturedStdout();
    }

    @Override
    public String capturedStderr() {
        return delegate.capturedStderr();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void suspend() {
        suspendable().suspend();
    }

    @Override
    public void resume() {
        suspendable().resume();
    }

    private Suspendable suspendable() {
        if (!(delegate instanceof Suspendable)) {
            throw new UnsupportedOperationException(delegate + " cannot be suspended");
        }
        return (Suspendable) delegate;
    }
}
