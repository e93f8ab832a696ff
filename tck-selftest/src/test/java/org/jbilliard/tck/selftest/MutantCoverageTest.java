package org.jbilliard.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.mutants.Mutant;
import org.jbilliard.tck.mutants.MutantCatalogue;
import org.junit.jupiter.api.Test;

/** Every rule kills a mutant of the catalogue, or is exempt with a reason; every mutant is named once. */
class MutantCoverageTest {

    @Test
    void everyRuleIsKilledByAMutantOrExempt() {
        Set<Rule> killed = EnumSet.noneOf(Rule.class);
        Set<String> names = new HashSet<>();
        for (Mutant mutant : MutantCatalogue.all()) {
            killed.addAll(mutant.kills().keySet());
            assertThat(names.add(mutant.name())).as("mutant %s listed once", mutant.name()).isTrue();
            assertThat(mutant.kills()).as("rules that kill %s", mutant.name()).isNotEmpty();
        }
        Set<Rule> survivors = EnumSet.allOf(Rule.class);
        survivors.removeAll(killed);
        survivors.removeAll(MutantCatalogue.EXEMPT.keySet());
        assertThat(survivors).as("rules no mutant proves (add a mutant, or an exemption with a reason)").isEmpty();
        assertThat(MutantCatalogue.EXEMPT).as("exemptions are few and explained").hasSizeLessThanOrEqualTo(3)
                .allSatisfy((rule, reason) -> assertThat(reason).isNotBlank());
        assertThat(killed).as("exempt rules must not be killed as well").doesNotContainAnyElementsOf(
                MutantCatalogue.EXEMPT.keySet());
    }
}
