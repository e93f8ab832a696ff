package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules about the {@link org.jbilliard.Context} itself. */
public class ContextRules extends RuleTest {

    /** Creates the test. */
    public ContextRules() {
    }

    /** CTX-DECLARE-01. */
    @Test
    @Verifies(Rule.CTX_DECLARE_01)
    @DisplayName("CTX-DECLARE-01 the context describes itself consistently")
    public void describesItself() {
        assertThat(ctx.name()).as("Context.name()").isNotBlank();
        Set<Feature> features = ctx.features();
        assertThat(features).as("Context.features()").isNotNull();
        boolean modified;
        try {
            modified = features.add(Feature.QSIZE) || features.remove(Feature.QSIZE) || true;
        } catch (UnsupportedOperationException expected) {
            modified = false;
        }
        if (modified) {
            throw new AssertionError("Context.features() must be unmodifiable, but add/remove on it succeeded");
        }
        for (Feature feature : Feature.values()) {
            assertThat(ctx.supports(feature)).as("supports(%s) must agree with features() = %s", feature, features)
                    .isEqualTo(features.contains(feature));
        }
        assertThat(ctx.maxItemBytes()).as("Context.maxItemBytes()").isPositive();
        Codec codec = ctx.defaultCodec();
        assertThat(codec).as("Context.defaultCodec()").isNotNull();
        byte[] encodedNull = codec.encode(null);
        assertThat(codec.decode(encodedNull, 0, encodedNull.length)).as("defaultCodec round trip of null").isNull();
        byte[] encoded = codec.encode("jbilliard");
        byte[] padded = new byte[encoded.length + 3];
        System.arraycopy(encoded, 0, padded, 2, encoded.length);
        assertThat(codec.decode(padded, 2, encoded.length)).as("defaultCodec round trip of a string at an offset")
                .isEqualTo("jbilliard");
    }

    /** CTX-LOAD-01. */
    @Test
    @Verifies(Rule.CTX_LOAD_01)
    @DisplayName("CTX-LOAD-01 an implementation registered for ServiceLoader is found by Context.load(name())")
    public void loadFindsTheImplementationByName() {
        Class<?> type = ctx.getClass();
        List<String> providers;
        try {
            providers = ServiceLoader.load(Context.class).stream().map(p -> p.type().getName())
                    .collect(Collectors.toList());
        } catch (ServiceConfigurationError e) {
            throw new AssertionError("listing the Context providers on the class path failed: " + e, e);
        }
        Assumptions.assumeTrue(providers.contains(type.getName()), "not verified: " + type.getName() + " is not"
                + " listed in META-INF/services/org.jbilliard.Context (providers found: " + providers + "), so"
                + " Context.load() cannot find it; it is constructed directly");
        String name = ctx.name();
        org.jbilliard.tck.support.Outcome<Context> outcome = org.jbilliard.tck.support.Bounded.outcome(
                "Context.load(\"" + name + "\")", env.operationLimit(), () -> Context.load(name));
        if (outcome.thrown() != null) {
            throw new AssertionError("Context.load(name()) with name() = '" + name + "' must find " + type.getName()
                    + ", which is registered for ServiceLoader, but " + outcome.describe()
                    + " (name() must be the same for every instance, and no provider's constructor may fail)",
                    outcome.thrown());
        }
        Context loaded = outcome.value();
        assertThat(loaded).as("Context.load(name()) with name() = '%s'", name).isInstanceOf(type);
        assertThat(loaded.name()).as("name() of the context Context.load(name()) returned").isEqualTo(name);
    }
}
