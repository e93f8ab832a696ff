package org.jbilliard.tck.mutants;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jbilliard.Context;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.simulated.SimulatedContext;

/**
 * A deliberately broken implementation and the rules that must catch it, each with a fragment the failure
 * message must contain (so the TCK is proven to explain the breakage, not just notice it).
 *
 * <p>A mutant is the in-JVM implementation ({@code DummyContext}, with attach by address simulated by
 * {@link SimulatedContext}) with one defect, given as a function: {@code Mutant.of(name,
 * description, queue -> new ForwardingQueue<>(queue) { … })} breaks every {@link Queue} handle the context
 * creates or attaches; {@link #ofJoinable}, {@link #ofSimple}, {@link #ofProcess} break the other handles,
 * and {@link #ofContext} the context itself (its features, its limits, how it creates queues);
 * {@link #ofProvider} is a context class of its own (for how {@code ServiceLoader} finds it). The
 * decorated handles are serializable, so the defect travels with a handle into a task.
 *
 * <p>Built once, then read-only: {@link #killedBy} is called while the catalogue is assembled.
 */
public final class Mutant {

    private final String name;
    private final String description;
    private Supplier<? extends Context> base = SimulatedContext::new;
    private UnaryOperator<Context> context = UnaryOperator.identity();
    private UnaryOperator<Queue<Object>> queue = UnaryOperator.identity();
    private UnaryOperator<JoinableQueue<Object>> joinable = UnaryOperator.identity();
    private UnaryOperator<SimpleQueue<Object>> simple = UnaryOperator.identity();
    private UnaryOperator<TaskProcess> process = UnaryOperator.identity();
    private final Map<Rule, String> kills = new LinkedHashMap<>();
    /** Set for a mutant that is a context class of its own (see {@link #ofProvider}). */
    private Supplier<? extends Context> provider;

    private Mutant(String name, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * A mutant whose {@link Queue} handles carry a defect.
     *
     * @param name        the mutant's name
     * @param description what is broken
     * @param mutation    wraps a correct handle into a broken one
     * @return the mutant, to which {@link #killedBy} adds expectations
     */
    public static Mutant of(String name, String description, UnaryOperator<Queue<Object>> mutation) {
        return new Mutant(name, description).alsoQueue(mutation);
    }

    /**
     * A mutant whose {@link JoinableQueue} handles carry a defect.
     *
     * @param name        the mutant's name
     * @param description what is broken
     * @param mutation    wraps a correct handle into a broken one
     * @return the mutant
     */
    public static Mutant ofJoinable(String name, String description, UnaryOperator<JoinableQueue<Object>> mutation) {
        return new Mutant(name, description).alsoJoinable(mutation);
    }

    /**
     * A mutant whose {@link SimpleQueue} handles carry a defect.
     *
     * @param name        the mutant's name
     * @param description what is broken
     * @param mutation    wraps a correct handle into a broken one
     * @return the mutant
     */
    public static Mutant ofSimple(String name, String description, UnaryOperator<SimpleQueue<Object>> mutation) {
        return new Mutant(name, description).alsoSimple(mutation);
    }

    /**
     * A mutant whose {@link TaskProcess} handles carry a defect.
     *
     * @param name        the mutant's name
     * @param description what is broken
     * @param mutation    wraps a correct handle into a broken one
     * @return the mutant
     */
    public static Mutant ofProcess(String name, String description, UnaryOperator<TaskProcess> mutation) {
        return new Mutant(name, description).alsoProcess(mutation);
    }

    /**
     * A mutant whose context itself is broken: typically {@code ctx -> new ForwardingContext(ctx) { … }}
     * overriding {@code features()}, {@code maxItemBytes()} or a factory method.
     *
     * @param name        the mutant's name
     * @param description what is broken
     * @param mutation    wraps the correct context into a broken one
     * @return the mutant
     */
    public static Mutant ofContext(String name, String description, UnaryOperator<Context> mutation) {
        Mutant mutant = new Mutant(name, description);
        mutant.context = Objects.requireNonNull(mutation, "mutation");
        return mutant;
    }

    /**
     * A mutant that is a context class of its own, for defects of the class rather than of its instances
     * (how {@code ServiceLoader} finds it): the self-test runs its rules against {@code provider.get()}.
     *
     * @param name        the mutant's name
     * @param description what is broken
     * @param provider    makes an instance of the broken class
     * @return the mutant
     */
    public static Mutant ofProvider(String name, String description, Supplier<? extends Context> provider) {
        Mutant mutant = new Mutant(name, description);
        mutant.provider = Objects.requireNonNull(provider, "provider");
        return mutant;
    }

    /**
     * Also breaks the {@link Queue} handles.
     *
     * @param mutation wraps a correct handle into a broken one
     * @return this
     */
    public Mutant alsoQueue(UnaryOperator<Queue<Object>> mutation) {
        this.queue = Objects.requireNonNull(mutation, "mutation");
        return this;
    }

    /**
     * Also breaks the {@link JoinableQueue} handles.
     *
     * @param mutation wraps a correct handle into a broken one
     * @return this
     */
    public Mutant alsoJoinable(UnaryOperator<JoinableQueue<Object>> mutation) {
        this.joinable = Objects.requireNonNull(mutation, "mutation");
        return this;
    }

    /**
     * Also breaks the {@link SimpleQueue} handles.
     *
     * @param mutation wraps a correct handle into a broken one
     * @return this
     */
    public Mutant alsoSimple(UnaryOperator<SimpleQueue<Object>> mutation) {
        this.simple = Objects.requireNonNull(mutation, "mutation");
        return this;
    }

    /**
     * Also breaks the {@link TaskProcess} handles.
     *
     * @param mutation wraps a correct handle into a broken one
     * @return this
     */
    public Mutant alsoProcess(UnaryOperator<TaskProcess> mutation) {
        this.process = Objects.requireNonNull(mutation, "mutation");
        return this;
    }

    /**
     * Builds the mutant over the in-JVM implementation with simulated signals (it declares {@code SIGNALS}
     * and {@code CRASH_SAFE}), for defects that only a kill or a stop reveals.
     *
     * @return this
     */
    public Mutant withSignals() {
        this.base = SimulatedContext::withSignals;
        return this;
    }

    /**
     * Adds an expectation: {@code rule} fails on this mutant with a message containing {@code fragment}
     * (or one of its {@code |}-separated alternatives).
     *
     * @param rule     the rule
     * @param fragment text the failure message must contain
     * @return this
     */
    public Mutant killedBy(Rule rule, String fragment) {
        kills.put(rule, fragment);
        return this;
    }

    /** @return the mutant's name */
    public String name() {
        return name;
    }

    /** @return what is broken */
    public String description() {
        return description;
    }

    /** @return expected rule to message fragment */
    public Map<Rule, String> kills() {
        return Collections.unmodifiableMap(kills);
    }

    /** @return a new mutant context */
    public Context create() {
        if (provider != null) {
            return provider.get();
        }
        return new MutantContext(this, context.apply(base.get()));
    }

    /**
     * The mutant's context: forwards to the (possibly broken) base and breaks each handle it returns.
     * Public with its mutant, so that {@link QueueMutants.DropsItem} can be named on the command line.
     */
    public static class MutantContext extends ForwardingContext {
        private final Mutant mutant;

        /**
         * Creates the context of a mutant.
         *
         * @param mutant the mutant
         */
        public MutantContext(Mutant mutant) {
            this(mutant, mutant.context.apply(mutant.base.get()));
        }

        private MutantContext(Mutant mutant, Context delegate) {
            super(delegate);
            this.mutant = mutant;
        }

        @Override
        public String name() {
            return "mutant " + mutant.name;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <T> Queue<T> wrap(Queue<T> queue) {
            return (Queue<T>) mutant.queue.apply((Queue<Object>) queue);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <T> JoinableQueue<T> wrapJoinable(JoinableQueue<T> queue) {
            return (JoinableQueue<T>) mutant.joinable.apply((JoinableQueue<Object>) queue);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <T> SimpleQueue<T> wrapSimple(SimpleQueue<T> queue) {
            return (SimpleQueue<T>) mutant.simple.apply((SimpleQueue<Object>) queue);
        }

        @Override
        protected TaskProcess wrapProcess(TaskProcess process) {
            return mutant.process.apply(process);
        }
    }
}
