package org.jbilliard.tck.rules;

import java.lang.reflect.Method;
import java.util.Optional;
import org.jbilliard.tck.TckSubject;
import org.jbilliard.tck.Verifies;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a rule test, with the reason, when its rule does not apply to the implementation's declared
 * features. The runner reports such a rule as "not verified".
 *
 * <p>Stateless; thread-safe.
 */
public final class RuleGate implements ExecutionCondition {

    /** Creates the condition (instantiated by JUnit). */
    public RuleGate() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            return ConditionEvaluationResult.enabled("container");
        }
        Verifies verifies = method.get().getAnnotation(Verifies.class);
        if (verifies == null) {
            return ConditionEvaluationResult.enabled("no rule");
        }
        String reason = verifies.value().need().whyNotApplicable(TckSubject.context().features());
        return reason == null ? ConditionEvaluationResult.enabled("applies")
                : ConditionEvaluationResult.disabled(reason);
    }
}
