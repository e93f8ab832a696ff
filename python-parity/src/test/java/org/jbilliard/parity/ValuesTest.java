package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void mapsScenarioJsonToJavaItems() {
        Map<String, Object> vars = new HashMap<>();
        assertThat(Values.fromJson(5L, vars)).isEqualTo(5);
        assertThat(Values.fromJson(9007199254740993L, vars)).isEqualTo(9007199254740993L);
        assertThat(Values.fromJson(Map.of("$bytes", "AAH/"), vars)).isEqualTo(new byte[] {0, 1, (byte) 0xff});
        assertThat((byte[]) Values.fromJson(Map.of("$size", 3L), vars)).containsExactly('x', 'x', 'x');
        assertThat(Values.fromJson(Map.of("$range", 3L), vars)).isEqualTo(List.of(0, 1, 2));
        assertThat(Values.fromJson(List.of(1L, "a"), vars)).isEqualTo(List.of(1, "a"));
        assertThat(Values.fromJson(Map.of("$unpicklable", true), vars)).isNotInstanceOf(java.io.Serializable.class);
        vars.put("x", "stored");
        assertThat(Values.fromJson(Map.of("$var", "x"), vars)).isEqualTo("stored");
        assertThatThrownBy(() -> Values.fromJson(Map.of("$var", "nope"), vars)).hasMessageContaining("nope");
    }

    @Test
    void observedJavaValuesReadBackInTheNeutralForm() {
        assertThat(Values.toJson(7)).isEqualTo(7L);
        assertThat(Values.toJson(2.5f)).isEqualTo(2.5);
        assertThat(Values.toJson(new byte[] {1, 2})).isEqualTo(Map.of("$bytes", "AQI="));
        assertThat(Values.toJson(new Object[] {1, "a"})).isEqualTo(List.of(1L, "a"));
        assertThat(Values.toJson(new StringBuilder("x"))).isEqualTo(Map.of("$object", "StringBuilder"));
    }

    @Test
    void canonicalFormIgnoresKeyOrderAndIntegerWidth() {
        assertThat(Values.canonical(Map.of("b", 1, "a", List.of(2L))))
                .isEqualTo(Values.canonical(new java.util.LinkedHashMap<>(Map.of("a", List.of(2), "b", 1L))));
        assertThat(Values.canonical(1L)).isNotEqualTo(Values.canonical(1.0));
    }

    @Test
    void projectionsMatchThePythonRunners() {
        assertThat(Values.project("is_zero", 0)).isEqualTo(true);
        assertThat(Values.project("positive", 0)).isEqualTo(false);
        assertThat(Values.project("length", "héllo")).isEqualTo(5L);
        assertThat(Values.project("length", new byte[4])).isEqualTo(4L);
        assertThat(Values.project("type", new byte[4])).isEqualTo("bytes");
        assertThat(Values.project("type", true)).isEqualTo("bool");
        assertThat(Values.project("sorted", List.of(3, 1, 2))).isEqualTo(List.of(1L, 2L, 3L));
        assertThatThrownBy(() -> Values.project("length", 3)).hasMessageContaining("length of int");
    }
}
