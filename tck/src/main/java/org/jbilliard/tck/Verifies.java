package org.jbilliard.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the rule a TCK test verifies. The runner maps each test's outcome to its rule through this
 * annotation, and the structural self-test checks that every {@link Rule} has at least one test.
 * Read reflectively; carries no state.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Verifies {
    /**
     * Returns the rule.
     *
     * @return the rule this test verifies
     */
    Rule value();
}
