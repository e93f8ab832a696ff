package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.jbilliard.Codec;
import org.jbilliard.Feature;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
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
}
