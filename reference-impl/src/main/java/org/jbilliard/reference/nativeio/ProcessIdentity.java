package org.jbilliard.reference.nativeio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Identifies a process in a way that survives pid reuse, and tells whether it still runs.
 *
 * <p>An identity is one {@code long}: the pid in the low 32 bits and the low 32 bits of the process
 * start time (clock ticks since boot, field 22 of {@code /proc/<pid>/stat}) in the high 32 bits. It is
 * never {@code 0}, so {@code 0} can mean "nobody" in shared memory. The low half is a futex word: a
 * lock word holding an identity can be waited on with {@code FUTEX_WAIT} on its first four bytes. An
 * identity means something only inside the PID namespace that recorded it (see {@link IdentityScope}).
 *
 * <p><b>Positive evidence only.</b> A survivor that wrongly concludes "dead" takes a live owner's
 * lock or gives a live producer's items back, so a process counts as {@link Liveness#DEAD} only when
 * the kernel says so: {@code kill(pid, 0)} fails with {@code ESRCH} (no such pid in this namespace),
 * or {@code /proc/<pid>/stat} shows a zombie or a different start time (the pid was reused). Any
 * other answer — out of descriptors ({@code EMFILE}, {@code ENFILE}), {@code ENOMEM}, {@code EACCES},
 * a {@code /proc} that hides the pid ({@code hidepid}) or belongs to another namespace — is
 * {@link Liveness#UNKNOWN}, which every caller treats as alive and judges again later. The first step
 * needs no descriptor, so a process starved of descriptors still recognises every process that has
 * exited and been reaped.
 *
 * <p><b>Thread-safety.</b> Stateless apart from the cached own identity and the cached answer to
 * "does {@code /proc} show this namespace"; thread-safe.
 */
public final class ProcessIdentity {

    /** What the kernel says about an identity. */
    public enum Liveness {
        /** The process runs (or is stopped): its pid exists with the recorded start time. */
        ALIVE,
        /** Positive evidence: no such pid, a zombie, or the pid belongs to a newer process. */
        DEAD,
        /** No answer could be had now (no descriptor, no permission, no usable {@code /proc}). */
        UNKNOWN
    }

    private static final int STAT_BYTES = 4096;

    private static volatile long self;
    /** 1: {@code /proc} shows this PID namespace; -1: it does not; 0: not known yet. */
    private static volatile int procMatches;

    private ProcessIdentity() {
    }

    /**
     * Returns this process's identity (computed once, then cached).
     *
     * @return a non-zero identity
     * @throws UncheckedIOException if the first call cannot read {@code /proc/self/stat} (for example
     *                              because the process has no descriptor left)
     */
    public static long self() {
        long s = self;
        if (s == 0) {
            int pid = (int) ProcessHandle.current().pid();
            Stat stat = readStat("/proc/self/stat");
            if (stat.errno != 0 || stat.start < 0) {
                throw new UncheckedIOException(new IOException("cannot identify this process (pid " + pid
                        + "): reading /proc/self/stat failed"
                        + (stat.errno != 0 ? ": " + new ErrnoException("open", stat.errno).getMessage()
                        : ": unexpected format")));
            }
            s = of(pid, stat.start);
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
     * Tells whether the process with this identity may still run: {@code false} only on positive
     * evidence of its death ({@link #liveness} is {@link Liveness#DEAD}); {@code true} when it runs
     * and when that cannot be judged now. About 1 µs for an exited process, 10 µs otherwise.
     *
     * @param identity the identity ({@code 0}, "nobody", is not alive)
     * @return {@code false} if it is known to be dead
     */
    public static boolean isAlive(long identity) {
        return liveness(identity) != Liveness.DEAD;
    }

    /**
     * Judges an identity; see the class comment for what counts as evidence.
     *
     * @param identity the identity ({@code 0}, "nobody", is {@link Liveness#DEAD})
     * @return the verdict
     */
    public static Liveness liveness(long identity) {
        int pid = pid(identity);
        if (identity == 0 || pid <= 0) {
            return Liveness.DEAD;
        }
        Liveness exists = pidLiveness(pid);
        if (exists != Liveness.ALIVE || !procShowsThisNamespace()) {
            return exists;
        }
        Stat stat = readStat("/proc/" + pid + "/stat");
        if (stat.errno == LibC.ENOENT || stat.errno == LibC.ESRCH) {
            // Exited between the two looks, or hidden from this /proc (hidepid): only kill can tell.
            return pidLiveness(pid) == Liveness.DEAD ? Liveness.DEAD : Liveness.UNKNOWN;
        }
        if (stat.errno != 0 || stat.start < 0) {
            return Liveness.UNKNOWN;
        }
        if (stat.state == 'Z' || stat.state == 'X' || stat.state == 'x') {
            return Liveness.DEAD;
        }
        return (int) stat.start == (int) (identity >>> 32) ? Liveness.ALIVE : Liveness.DEAD;
    }

    /**
     * Whether a pid exists in this PID namespace, by {@code kill(pid, 0)}, which needs no
     * descriptor. Says nothing about pid reuse: use it where only a pid was recorded.
     *
     * @param pid the pid, {@code > 0}
     * @return {@link Liveness#DEAD} on {@code ESRCH}, {@link Liveness#ALIVE} if the pid exists (also a
     *         zombie, also another user's process), {@link Liveness#UNKNOWN} otherwise
     */
    public static Liveness pidLiveness(int pid) {
        if (pid <= 0) {
            return Liveness.DEAD;
        }
        int rc = LibC.kill(pid, 0);
        if (rc == 0 || rc == -LibC.EPERM) {
            return Liveness.ALIVE;
        }
        return rc == -LibC.ESRCH ? Liveness.DEAD : Liveness.UNKNOWN;
    }

    /**
     * Whether {@code /proc} is a procfs of this process's PID namespace: {@code /proc/self} names our
     * own pid. Otherwise {@code /proc/<pid>} would describe some other process, and only
     * {@code kill(pid, 0)} is evidence. {@code readlink} needs no descriptor; a failed look is not
     * cached.
     */
    private static boolean procShowsThisNamespace() {
        int m = procMatches;
        if (m == 0) {
            try {
                String link = Files.readSymbolicLink(Path.of("/proc/self")).toString();
                m = link.equals(Long.toString(ProcessHandle.current().pid())) ? 1 : -1;
                procMatches = m;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return m > 0;
    }

    /** Fields 3 (state) and 22 (starttime) of a stat file, or the errno that prevented reading it. */
    private record Stat(int errno, char state, long start) {
        static Stat failed(int errno) {
            return new Stat(errno, '?', -1);
        }
    }

    /**
     * Reads a {@code /proc/.../stat} file with one {@code open}/{@code read}/{@code close}, keeping the
     * errno (the kernel generates the whole line in one read).
     */
    private static Stat readStat(String path) {
        int fd;
        try {
            fd = LibC.open(path, LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            return Stat.failed(e.errno());
        }
        String line;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(STAT_BYTES);
            long n;
            do {
                n = LibC.read(fd, buf, 0, STAT_BYTES);
            } while (n == -LibC.EINTR);
            if (n <= 0) {
                return Stat.failed(n == 0 ? LibC.ESRCH : (int) -n);
            }
            line = new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    StandardCharsets.US_ASCII);
        } catch (ErrnoException e) {
            return Stat.failed(e.errno());
        } finally {
            LibC.close(fd);
        }
        // The command (field 2) is in parentheses and may itself contain ") ": parse from the last one.
        int close = line.lastIndexOf(')');
        if (close < 0 || close + 2 >= line.length()) {
            return new Stat(0, '?', -1);
        }
        return new Stat(0, line.charAt(close + 2), parseStart(line, close));
    }

    /** Field 22 (starttime); fields after the command start at field 3 (state). */
    private static long parseStart(String stat, int close) {
        String[] f = stat.substring(close + 2).split(" ");
        int index = 22 - 3;
        if (f.length <= index) {
            return -1;
        }
        try {
            return Long.parseLong(f[index].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
