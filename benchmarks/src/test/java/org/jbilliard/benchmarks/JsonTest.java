package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("b", List.of(1, 2.5, true));
        root.put("a", Map.of());
        root.put("c", Arrays.asList("x", null));
        assertThat(Json.write(root)).isEqualTo("""
                {
                  "b": [
                    1,
                    2.5,
                    true
                  ],
                  "a": {},
                  "c": [
                    "x",
                    null
                  ]
                }
                """);
    }

    @Test
    void escapesStrings() {
        assertThat(Json.write("a\"b\\c\nd\u0001µ")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001µ\"\n");
    }

    @Test
    void writesIntegralDoublesWithoutAFraction() {
        assertThat(Json.write(List.of(3.0, 1e20, -0.5))).isEqualTo("[\n  3,\n  1.0E20,\n  -0.5\n]\n");
    }

    @Test
    void rejectsWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Map.of(1, 2))).hasMessageContaining("keys must be strings");
    }
}
