package org.jbilliard.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process: from {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds on a CPU, summed
 * over the threads alive at the reading), or from {@code /proc/<pid>/stat} (utime + stime in clock
 * ticks of 10 ms, all threads, also those that exited).
 *
 * <p>The idle-consumer figure uses the schedstat sum: at 10 ms per tick a 1 s window cannot tell
 * 0.5 % from 1 %. Threads that exit during the window drop out of the sum, which the idle workload
 * does not have.
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
     * Reads a process's CPU time so far, summed over its current threads.
     *
     * @param pid the process id
     * @return nanoseconds spent on a CPU
     * @throws IOException if the process does not exist (any more)
     */
    public static long cpuNanos(long pid) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    total += parseSchedstat(Files.readString(task.resolve("schedstat")));
                } catch (NoSuchFileException e) {
                    // the thread exited between listing and reading: it no longer counts
                }
            }
        }
        return total;
    }

    /**
     * Extracts the time on a CPU from the text of a {@code schedstat} file: its first field,
     * nanoseconds (the others are the wait time and the number of time slices).
     *
     * @param schedstat the file's text, e.g. {@code "123456 7890 12\n"}
     * @return nanoseconds on a CPU
     * @throws IllegalArgumentException if the text is not in that format
     */
    public static long parseSchedstat(String schedstat) {
        String[] fields = schedstat.trim().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException("not a schedstat line: " + schedstat);
        }
        try {
            return Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a schedstat line: " + schedstat, e);
        }
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
