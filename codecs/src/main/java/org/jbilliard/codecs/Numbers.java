package org.jbilliard.codecs;

import java.math.BigInteger;

/**
 * Chooses the Java type of a decoded integer from its value, because neither CBOR nor Python keeps
 * a width: the narrowest of {@link Integer}, {@link Long} and {@link BigInteger} that holds it.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class Numbers {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Numbers() {
    }

    /**
     * Narrows an integer to the smallest of Integer, Long and BigInteger that holds it.
     *
     * @param value the value
     * @return an Integer, Long or BigInteger equal in value
     */
    static Number narrow(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return narrow(value.longValue());
        }
        return value;
    }

    /**
     * Narrows a long to an Integer when it fits.
     *
     * @param value the value
     * @return an Integer or a Long equal in value
     */
    static Number narrow(long value) {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return (int) value;
        }
        return value;
    }

    /**
     * Tells whether an integer fits in a signed 64-bit long.
     *
     * @param value the value
     * @return whether it lies in [-2^63, 2^63)
     */
    static boolean fitsLong(BigInteger value) {
        return value.bitLength() < 64;
    }
}
