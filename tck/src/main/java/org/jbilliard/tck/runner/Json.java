package org.jbilliard.tck.runner;

/** The few lines of JSON writing the reports need (no dependency for it). Stateless; thread-safe. */
public final class Json {

    private Json() {
    }

    /**
     * Quotes and escapes a string as a JSON string literal.
     *
     * @param value the string, {@code null} becoming {@code null}
     * @return the literal
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
