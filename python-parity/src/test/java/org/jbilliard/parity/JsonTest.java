package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryJsonTypeWithTheDocumentedJavaTypes() {
        Object value = Json.parse("{\"i\": -12, \"big\": 9007199254740993, \"f\": 2.5, \"e\": 1e3, \"s\": \"a\\\"\\u00e9\\n\","
                + " \"t\": true, \"n\": null, \"l\": [1, [], {}]}");
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) value;
        assertThat(m.get("i")).isEqualTo(-12L);
        assertThat(m.get("big")).isEqualTo(9007199254740993L);
        assertThat(m.get("f")).isEqualTo(2.5);
        assertThat(m.get("e")).isEqualTo(1000.0);
        assertThat(m.get("s")).isEqualTo("a\"é\n");
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.containsKey("n")).isTrue();
        assertThat(m.get("n")).isNull();
        assertThat(m.get("l")).isEqualTo(List.of(1L, List.of(), Map.of()));
        assertThat(String.join(",", m.keySet().stream().map(String::valueOf).toList())).isEqualTo("i,big,f,e,s,t,n,l");
    }

    @Test
    void writesWhatItReads() {
        String text = "{\"a\":[1,2.5,\"x\\ty\",null,false,{\"b\":{}}],\"c\":\"\\u0001\"}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
        assertThat(Json.parse(Json.pretty(Json.parse(text)))).isEqualTo(Json.parse(text));
    }

    @Test
    void malformedInputNamesTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 11");
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("end of input");
        assertThatThrownBy(() -> Json.parse("99999999999999999999")).hasMessageContaining("bad number");
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("java.lang.Object");
    }
}
