package org.jbilliard.reference.nativeio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Identifies a process in a way that survives pid reuse, and tells whether it still runs.
 *
 * <p>An identity is one {@code long}: the pid in the low 32 bits and the low 32 bits of the process
 * start time (clock ticks since boot, field 22 of {@code /proc/<pid>/stat}) in the high 32 bits. It is
 * never {@code 0}, so {@code 0} can mean "nobody" in shared memory. The low half is a futex word: a
 * lock word holding an identity can be waited on with {@code FUTEX_WAIT} on its first four bytes.
 *
 * <p>A process counts as dead when its {@code /proc} entry is gone, is a zombie ({@code Z}/{@code X}:
 * killed but not yet reaped by its parent), or belongs to a newer process with the same pid.
 *
 * <p><b>Thread-safety.</b> Stateless apart from the cached own identity; thread-safe.
 */
public final class ProcessIdentity {

    private static volatile long self;

    private ProcessIdentity() {
    }

    /**
     * Returns this process's identity.
     *
     * @return a non-zero identity
     */
    public static long self() {
        long s = self;
        if (s == 0) {
            int pid = (int) ProcessHandle.current().pid();
            long start = startTicks(pid);
            if (start < 0) {
                throw new IllegalStateException("cannot read /proc/" + pid + "/stat");
            }
            s = of(pid, start);
            self = s;
        }
        return s;
    }

    /**
     * Builds an identity.
     *
     * @param pid        the pid
     * @param startTicks the start time in clock ticks since boot
     * @return the identity
     */
    public static long of(int pid, long startTicks) {
        return (pid & 0xFFFF_FFFFL) | (startTicks << 32);
    }

    /**
     * Returns the pid part of an identity.
     *
     * @param identity the identity
     * @return the pid
     */
    public static int pid(long identity) {
        return (int) identity;
    }

    /**
     * Tells whether the process with this identity is still running (not exited, not a zombie, pid
     * not reused). About 10 µs: reads {@code /proc/<pid>/stat}.
     *
     * @param identity the identity, non-zero
     * @return {@code true} if it runs
     */
    public static boolean isAlive(long identity) {
        if (identity == 0) {
            return false;
        }
        int pid = pid(identity);
        String stat = readStat(pid);
        if (stat == null) {
            return false;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(close + 2);
        if (state == 'Z' || state == 'X' || state == 'x') {
            return false;
        }
        long start = parseStart(stat, close);
        return start >= 0 && (int) start == (int) (identity >>> 32);
    }

    private static long startTicks(int pid) {
        String stat = readStat(pid);
        if (stat == null) {
            return -1;
        }
        int close = stat.lastIndexOf(')');
        return close < 0 ? -1 : parseStart(stat, close);
    }

    /** Field 22 (starttime); fields after the command start at field 3 (state). */
    private static long parseStart(String stat, int close) {
        String[] f = stat.substring(close + 2).split(" ");
        int index = 22 - 3;
        if (f.length <= index) {
            return -1;
        }
        try {
            return Long.parseLong(f[index]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readStat(int pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "stat")),
                    StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // ESRCH while reading a process that is just exiting: it is gone.
            return null;
        }
    }
}
