package org.jbilliard.tck;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jbilliard.Feature;

/**
 * When a {@link Rule} applies: always, only where some features are declared (an optional rule), or
 * only where a feature is <em>not</em> declared (a rule asserting the declared absence).
 *
 * <p>Immutable.
 */
public final class Need {

    private static final Need ALWAYS = new Need(Set.of(), null);

    private final Set<Feature> required;
    private final Feature absent;

    private Need(Set<Feature> required, Feature absent) {
        this.required = required;
        this.absent = absent;
    }

    /**
     * Returns the condition of a rule every implementation must meet.
     *
     * @return the unconditional need
     */
    public static Need always() {
        return ALWAYS;
    }

    /**
     * Returns the condition of an optional rule.
     *
     * @param first  a feature the rule needs
     * @param others further features it needs
     * @return the need
     */
    public static Need features(Feature first, Feature... others) {
        return new Need(Collections.unmodifiableSet(EnumSet.of(first, others)), null);
    }

    /**
     * Returns the condition of a rule that checks the behaviour of an implementation which does not
     * declare {@code feature}.
     *
     * @param feature the feature whose absence is asserted
     * @return the need
     */
    public static Need absent(Feature feature) {
        return new Need(Set.of(), feature);
    }

    /**
     * Returns the features that must be declared.
     *
     * @return an unmodifiable set, empty for required rules
     */
    public Set<Feature> required() {
        return required;
    }

    /**
     * Returns the feature that must not be declared.
     *
     * @return the feature, or {@code null}
     */
    public Feature absentFeature() {
        return absent;
    }

    /**
     * Says why a rule does not apply to an implementation with the given features.
     *
     * @param declared the implementation's features
     * @return the reason, or {@code null} if the rule applies
     */
    public String whyNotApplicable(Set<Feature> declared) {
        for (Feature feature : required) {
            if (!declared.contains(feature)) {
                return "not verified: the implementation does not declare " + feature;
            }
        }
        if (absent != null && declared.contains(absent)) {
            return "not verified: this rule checks the declared absence of " + absent
                    + ", and the implementation declares it (its presence is verified by other rules)";
        }
        return null;
    }

    /**
     * Describes the condition for the rules document.
     *
     * @return e.g. {@code "QSIZE"} or {@code "QSIZE absent"} or {@code "-"}
     */
    public String describe() {
        if (absent != null) {
            return absent + " absent";
        }
        if (required.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        for (Feature feature : required) {
            if (text.length() > 0) {
                text.append(" + ");
            }
            text.append(feature);
        }
        return text.toString();
    }
}
