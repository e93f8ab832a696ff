package org.jbilliard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat}: user plus system time, all threads.
 *
 * <p>Stateless; thread-safe.
 */
public final class ProcStat {

    /**
     * Clock ticks per second of the {@code /proc} times (USER_HZ, which Linux fixes at 100 for
     * user space on x86-64 whatever the kernel's internal HZ).
     */
    public static final int TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /**
     * Reads a process's CPU time so far.
     *
     * @param pid the process id
     * @return utime + stime in clock ticks
     * @throws IOException if the process does not exist (any more)
     */
    public static long cpuTicks(long pid) throws IOException {
        return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * Extracts utime + stime (fields 14 and 15) from the text of {@code /proc/<pid>/stat}. The
     * command name (field 2) is parenthesised and may hold spaces and parentheses, so fields are
     * counted from the last {@code ')'}.
     *
     * @param stat the file's text
     * @return utime + stime in clock ticks
     * @throws IllegalArgumentException if the text is not in that format
     */
    public static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        if (fields.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + stat);
        }
        try {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime/stime are not numbers in: " + stat, e);
        }
    }
}
