package org.jbilliard.reference.nativeio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a {@link ProcessIdentity} means the same process: one PID namespace of one boot of one
 * kernel. Pid 1234 in a container and pid 1234 on its host are different processes, and a pid of a
 * previous boot names nothing; a process can judge the liveness of another only if both share a
 * scope. Queues record their creator's scope and admit only participants of that scope.
 *
 * <p>The namespace is the inode of {@code /proc/self/ns/pid} (what {@code readlink} shows as
 * {@code pid:[4026531836]}); the boot is {@code /proc/sys/kernel/random/boot_id}, a random UUID the
 * kernel draws at boot (shared by every container on that kernel).
 *
 * <p>Immutable; thread-safe. {@link #current()} is read once per JVM and cached.
 *
 * @param pidNamespace the PID namespace's inode number, {@code > 0}
 * @param bootHigh     the boot id's most significant 64 bits
 * @param bootLow      the boot id's least significant 64 bits
 */
public record IdentityScope(long pidNamespace, long bootHigh, long bootLow) {

    private static volatile IdentityScope current;

    /**
     * This process's scope.
     *
     * @return the scope
     * @throws UncheckedIOException if {@code /proc} cannot tell it (not mounted, no descriptor left on
     *                              the first call)
     */
    public static IdentityScope current() {
        IdentityScope c = current;
        if (c == null) {
            try {
                String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
                long ns = parseNamespace(link);
                if (ns <= 0) {
                    throw new IOException("unexpected /proc/self/ns/pid link " + link);
                }
                UUID boot = UUID.fromString(Files.readString(Path.of("/proc/sys/kernel/random/boot_id"),
                        StandardCharsets.US_ASCII).trim());
                c = new IdentityScope(ns, boot.getMostSignificantBits(), boot.getLeastSignificantBits());
            } catch (IOException | IllegalArgumentException e) {
                throw new UncheckedIOException(new IOException(
                        "cannot tell this process's PID namespace and boot from /proc: " + e, e));
            }
            current = c;
        }
        return c;
    }

    /** {@code "pid:[4026531836]"} to {@code 4026531836}, or {@code -1}. */
    static long parseNamespace(String link) {
        if (!link.startsWith("pid:[") || !link.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(link.substring(5, link.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The boot id as the kernel prints it.
     *
     * @return a UUID string
     */
    public String bootId() {
        return new UUID(bootHigh, bootLow).toString();
    }

    /**
     * The namespace as {@code readlink /proc/<pid>/ns/pid} prints it.
     *
     * @return e.g. {@code pid:[4026531836]}
     */
    public String namespaceName() {
        return "pid:[" + Long.toUnsignedString(pidNamespace) + "]";
    }

    @Override
    public String toString() {
        return "PID namespace " + namespaceName() + " of boot " + bootId();
    }
}
