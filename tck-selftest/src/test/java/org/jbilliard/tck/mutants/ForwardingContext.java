package org.jbilliard.tck.mutants;

import java.util.Set;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.dummy.DummyContext;

/**
 * A context that forwards to another (by default the in-JVM implementation, {@link DummyContext}) and lets a subclass wrap
 * what it creates. {@link Mutant.MutantContext} wraps each handle with its mutant's defect; a mutant of the
 * context itself overrides the calls it breaks in an anonymous subclass. Thread-safe if the delegate is.
 */
public class ForwardingContext implements Context {

    /** The context calls are forwarded to. */
    protected final Context delegate;

    /** Forwards to a plain {@link DummyContext}. */
    public ForwardingContext() {
        this(new DummyContext());
    }

    /**
     * Forwards to a given context.
     *
     * @param delegate the real context
     */
    protected ForwardingContext(Context delegate) {
        this.delegate = delegate;
    }

    /**
     * Wraps a new queue handle; identity by default.
     *
     * @param <T>   item type
     * @param queue the real handle
     * @return the handle the TCK sees
     */
    protected <T> Queue<T> wrap(Queue<T> queue) {
        return queue;
    }

    /**
     * Wraps a new joinable queue handle; identity by default.
     *
     * @param <T>   item type
     * @param queue the real handle
     * @return the handle the TCK sees
     */
    protected <T> JoinableQueue<T> wrapJoinable(JoinableQueue<T> queue) {
        return queue;
    }

    /**
     * Wraps a new simple queue handle; identity by default.
     *
     * @param <T>   item type
     * @param queue the real handle
     * @return the handle the TCK sees
     */
    protected <T> SimpleQueue<T> wrapSimple(SimpleQueue<T> queue) {
        return queue;
    }

    /**
     * Wraps a new process handle; identity by default.
     *
     * @param process the real handle
     * @return the handle the TCK sees
     */
    protected TaskProcess wrapProcess(TaskProcess process) {
        return process;
    }

    @Override
    public String name() {
        return "mutant " + getClass().getSimpleName();
    }

    @Override
    public Set<Feature> features() {
        return delegate.features();
    }

    @Override
    public int maxItemBytes() {
        return delegate.maxItemBytes();
    }

    @Override
    public Codec defaultCodec() {
        return delegate.defaultCodec();
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        return wrap(delegate.queue(maxsize, codec));
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return wrapJoinable(delegate.joinableQueue(maxsize, codec));
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return wrapSimple(delegate.simpleQueue(codec));
    }

    @Override
    public <T> Queue<T> attachQueue(String address) {
        return wrap(delegate.attachQueue(address));
    }

    @Override
    public <T> JoinableQueue<T> attachJoinableQueue(String address) {
        return wrapJoinable(delegate.attachJoinableQueue(address));
    }

    @Override
    public <T> SimpleQueue<T> attachSimpleQueue(String address) {
        return wrapSimple(delegate.attachSimpleQueue(address));
    }

    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return wrapProcess(delegate.process(task, options));
    }
}
