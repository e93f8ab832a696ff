package org.jbilliard.codecs;

/**
 * Finds lone surrogates: {@code char}s that are half of a UTF-16 pair without their other half.
 * Such a string is a valid Java (and Python) string but has no UTF-8 form.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class Text {

    private Text() {
    }

    /**
     * Returns the index of the first lone surrogate, or -1 if the string is valid Unicode.
     *
     * @param value the string
     * @return the index of the first unpaired surrogate {@code char}, or -1
     */
    static int loneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Encodes a string as Python's {@code str.encode('utf-8', 'surrogatepass')} does, the encoding
     * that pickle uses: UTF-8, with each lone surrogate written as the three bytes of its code point.
     *
     * @param value the string, possibly with lone surrogates
     * @return its bytes
     */
    static byte[] utf8SurrogatePass(String value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            int cp = value.charAt(i);
            if (Character.isHighSurrogate((char) cp) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                cp = Character.toCodePoint((char) cp, value.charAt(++i));
            }
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xc0 | (cp >> 6));
                out.write(0x80 | (cp & 0x3f));
            } else if (cp < 0x10000) {
                out.write(0xe0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3f));
                out.write(0x80 | (cp & 0x3f));
            } else {
                out.write(0xf0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3f));
                out.write(0x80 | ((cp >> 6) & 0x3f));
                out.write(0x80 | (cp & 0x3f));
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes what {@link #utf8SurrogatePass(String)} (or Python's pickle) wrote. Bytes that are not
     * UTF-8 at all are refused rather than replaced, so that nothing changes silently.
     *
     * @param bytes  the buffer
     * @param offset where the text starts
     * @param length how many bytes it has
     * @return the string
     * @throws IllegalArgumentException if the bytes are not UTF-8 (surrogates allowed)
     */
    static String decodeSurrogatePass(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i] & 0xff;
            int cp;
            int extra;
            if (b < 0x80) {
                cp = b;
                extra = 0;
            } else if (b >= 0xc2 && b < 0xe0) {
                cp = b & 0x1f;
                extra = 1;
            } else if (b >= 0xe0 && b < 0xf0) {
                cp = b & 0x0f;
                extra = 2;
            } else if (b >= 0xf0 && b < 0xf5) {
                cp = b & 0x07;
                extra = 3;
            } else {
                throw new IllegalArgumentException("invalid UTF-8 byte 0x" + Integer.toHexString(b) + " at " + (i - offset));
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= end) {
                    throw new IllegalArgumentException("truncated UTF-8 sequence at " + (i - offset));
                }
                int c = bytes[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    throw new IllegalArgumentException("invalid UTF-8 continuation byte 0x" + Integer.toHexString(c)
                            + " at " + (i + k - offset));
                }
                cp = (cp << 6) | (c & 0x3f);
            }
            int min = extra == 1 ? 0x80 : extra == 2 ? 0x800 : extra == 3 ? 0x10000 : 0;
            if (cp < min || cp > 0x10ffff) {
                throw new IllegalArgumentException("overlong or out-of-range UTF-8 sequence at " + (i - offset));
            }
            out.appendCodePoint(cp);
            i += extra + 1;
        }
        return out.toString();
    }
}
