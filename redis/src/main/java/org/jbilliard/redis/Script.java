package org.jbilliard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The protocol's Lua scripts, loaded from {@code org/jbilliard/redis/lua/} — the same files any
 * other client of the protocol runs. Sent by {@code EVALSHA}, loaded on {@code NOSCRIPT}.
 *
 * <p><b>Thread-safety.</b> Immutable constants.
 */
enum Script {
    CREATE("create.lua"),
    ATTACH("attach.lua"),
    LEASE("lease.lua"),
    REAP("reap.lua"),
    PUT("put.lua"),
    GET("get.lua"),
    TASK_DONE("task_done.lua"),
    CLOSE("close.lua");

    /** Where the scripts live on the class path (and in the source tree). */
    static final String FOLDER = "/org/jbilliard/redis/lua/";

    final String file;
    final byte[] source;
    final byte[] sha;

    Script(String file) {
        this.file = file;
        try (InputStream in = Script.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("missing protocol script " + FOLDER + file + " on the class path");
            }
            this.source = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read protocol script " + file, e);
        }
        this.sha = sha1Hex(source).getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(bytes);
            StringBuilder s = new StringBuilder(40);
            for (byte b : d) {
                s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
