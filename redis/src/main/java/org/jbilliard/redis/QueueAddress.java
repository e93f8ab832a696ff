package org.jbilliard.redis;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A queue's address: the server's URI with the queue id as fragment,
 * {@code redis://host:port/db#jbq=<id>}. It never holds credentials.
 *
 * <p><b>Thread-safety.</b> Immutable.
 */
final class QueueAddress {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FRAGMENT = "jbq=";

    final RedisConfig.Endpoint endpoint;
    final String id;

    QueueAddress(RedisConfig.Endpoint endpoint, String id) {
        this.endpoint = endpoint;
        this.id = id;
    }

    /** A fresh address on {@code endpoint}: 16 random hex digits as id. */
    static QueueAddress fresh(RedisConfig.Endpoint endpoint) {
        return new QueueAddress(endpoint, randomHex(8));
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        StringBuilder s = new StringBuilder(bytes * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return s.toString();
    }

    /**
     * Parses an address.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static QueueAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a Redis queue address is empty");
        }
        int hash = address.indexOf('#');
        if (hash < 0 || !address.startsWith(FRAGMENT, hash + 1)) {
            throw new IllegalArgumentException("not a Redis queue address (expected redis://host:port/db#jbq=<id>): "
                    + redactedForMessage(address));
        }
        String id = address.substring(hash + 1 + FRAGMENT.length());
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("bad queue id in Redis queue address (1 to 64 of A-Z a-z 0-9 _ -): "
                    + redactedForMessage(address));
        }
        return new QueueAddress(RedisConfig.Endpoint.parse(address.substring(0, hash)), id);
    }

    private static String redactedForMessage(String address) {
        // An address given by mistake with user:password@ must not echo the password.
        return address.replaceAll("//[^/@]*@", "//***@");
    }

    /** The meta key, {@code jbq:{<id>}:meta}: KEYS[1] of every script. */
    String metaKey() {
        return prefix() + "meta";
    }

    /** {@code jbq:{<id>}:}: every key of the queue starts with it (one hash tag, one cluster slot). */
    String prefix() {
        return "jbq:{" + id + "}:";
    }

    @Override
    public String toString() {
        return endpoint.uri() + "#" + FRAGMENT + id;
    }
}
