package org.jbilliard.tck.mutants;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jbilliard.Context;
import org.jbilliard.tck.Rule;

/**
 * A deliberately broken implementation and the rules that must catch it, each with a fragment the
 * failure message must contain (so the TCK is proven to explain the breakage, not just notice it).
 */
public final class MutantCase {
    private final String name;
    private final String description;
    private final Supplier<? extends Context> factory;
    private final Map<Rule, String> kills = new LinkedHashMap<>();

    private MutantCase(String name, String description, Supplier<? extends Context> factory) {
        this.name = name;
        this.description = description;
        this.factory = factory;
    }

    /**
     * Declares a mutant.
     *
     * @param type        the mutant's class (its simple name names the mutant)
     * @param description what is broken
     * @param factory     creates the mutant context
     * @return the case, to which {@link #killedBy} adds expectations
     */
    public static MutantCase of(Class<? extends Context> type, String description, Supplier<? extends Context> factory) {
        return new MutantCase(type.getSimpleName(), description, factory);
    }

    /**
     * Adds an expectation: {@code rule} fails on this mutant with a message containing {@code fragment}.
     *
     * @param rule     the rule
     * @param fragment text the failure message must contain
     * @return this
     */
    public MutantCase killedBy(Rule rule, String fragment) {
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

    /** @return a new mutant context */
    public Context create() {
        return factory.get();
    }

    /** @return expected rule to message fragment */
    public Map<Rule, String> kills() {
        return Collections.unmodifiableMap(kills);
    }
}
