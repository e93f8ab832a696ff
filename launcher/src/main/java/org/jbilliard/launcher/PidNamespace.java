package org.jbilliard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's PID namespace, as the inode number of {@code /proc/self/ns/pid} (what
 * {@code readlink} shows as {@code pid:[4026531836]}): a pid in a result directory's name means a
 * process only inside that namespace.
 *
 * <p><b>Thread-safety.</b> Stateless apart from a value computed once (races compute the same value).
 */
final class PidNamespace {

    private static volatile long current;

    private PidNamespace() {
    }

    /** The namespace's inode, or {@code 0} if {@code /proc} cannot tell it. */
    static long current() {
        long value = current;
        if (value == 0) {
            value = parse(read());
            current = value;
        }
        return value;
    }

    private static String read() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    /** {@code "pid:[4026531836]"} to {@code 4026531836}; anything else to {@code 0}. */
    static long parse(String link) {
        if (!link.startsWith("pid:[") || !link.endsWith("]")) {
            return 0;
        }
        try {
            return Long.parseLong(link.substring(5, link.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
