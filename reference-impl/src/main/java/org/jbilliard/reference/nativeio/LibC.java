package org.jbilliard.reference.nativeio;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc functions the pipe queues need, reached through the FFM API (64-bit Linux: x86-64,
 * aarch64, riscv64, loongarch64; see {@link #futexSystemCall}).
 *
 * <p>Each function is bound the first time it is called (one holder class per function), because a
 * downcall handle costs tens of milliseconds cold and a child JVM should only pay for what it uses.
 * Every call that can fail captures {@code errno} through {@code Linker.Option.captureCallState} into
 * a per-thread segment and reports failure as {@link ErrnoException}; calls whose "failure" is an
 * expected outcome ({@code EAGAIN}, {@code ETIMEDOUT}, {@code EINTR}) return {@code -errno} instead.
 *
 * <p>{@code read} and {@code write} are only used on {@code O_NONBLOCK} descriptors and never block
 * on the descriptor. On a heap array they are linked {@code critical} (so they take the array
 * directly, without a copy; a heap page cannot fault on a file). On native memory — which may be a
 * file mapping such as a queue's read stage, where the kernel's copy can page-fault and wait for the
 * file system — they are normal downcalls: a critical call keeps its thread from reaching a
 * safepoint, so a fault there would stall every other thread of the JVM at the next garbage
 * collection. Every call that can block ({@code poll}, {@code futex}) is a normal downcall.
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe; scratch memory is per thread. Blocking
 * methods ({@link #poll}, {@link #futexWait}) cannot be interrupted by {@link Thread#interrupt()}:
 * callers bound them with a timeout and check the interrupt status between calls.
 */
public final class LibC {

    /** {@code O_RDWR}. */
    public static final int O_RDWR = 2;
    /** {@code O_CREAT}. */
    public static final int O_CREAT = 0100;
    /** {@code O_EXCL}. */
    public static final int O_EXCL = 0200;
    /** {@code O_NONBLOCK}. */
    public static final int O_NONBLOCK = 04000;
    /** {@code O_CLOEXEC}. */
    public static final int O_CLOEXEC = 02000000;
    /** {@code F_SETPIPE_SZ}. */
    public static final int F_SETPIPE_SZ = 1031;
    /** {@code F_GETPIPE_SZ}. */
    public static final int F_GETPIPE_SZ = 1032;
    /** {@code FIONREAD}. */
    public static final long FIONREAD = 0x541B;
    /** {@code POLLIN}. */
    public static final short POLLIN = 0x1;
    /** {@code POLLOUT}. */
    public static final short POLLOUT = 0x4;
    /** {@code EPERM}. */
    public static final int EPERM = 1;
    /** {@code ESRCH}: no such process. */
    public static final int ESRCH = 3;
    /** {@code ENOMEM}. */
    public static final int ENOMEM = 12;
    /** {@code ENFILE}: the system-wide descriptor table is full. */
    public static final int ENFILE = 23;
    /** {@code EMFILE}: this process has no descriptor left. */
    public static final int EMFILE = 24;
    /** {@code ENOENT}. */
    public static final int ENOENT = 2;
    /** {@code EINTR}. */
    public static final int EINTR = 4;
    /** {@code EAGAIN}. */
    public static final int EAGAIN = 11;
    /** {@code EACCES}. */
    public static final int EACCES = 13;
    /** {@code EEXIST}. */
    public static final int EEXIST = 17;
    /** {@code EFAULT}. */
    public static final int EFAULT = 14;
    /** {@code EFBIG}. */
    public static final int EFBIG = 27;
    /** {@code ENOSPC}. */
    public static final int ENOSPC = 28;
    /** {@code ETIMEDOUT}. */
    public static final int ETIMEDOUT = 110;

    private static final long SYS_FUTEX = futexSystemCall(System.getProperty("os.name"), System.getProperty("os.arch"));
    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_HANDLE = Linker.Option.captureStateLayout()
            .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    /** Per-thread scratch: errno capture, pollfd, int out-parameter, timespec. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final MemorySegment errno;
        final MemorySegment pollfd;
        final MemorySegment intOut;
        final MemorySegment timespec;

        Scratch() {
            Arena arena = Arena.ofAuto();
            errno = arena.allocate(Linker.Option.captureStateLayout());
            pollfd = arena.allocate(8, 8);
            intOut = arena.allocate(4, 4);
            timespec = arena.allocate(16, 8);
        }
    }

    private LibC() {
    }

    /**
     * The {@code futex} system-call number of a Linux architecture. Only 64-bit architectures whose
     * other constants and type widths used here ({@code O_NONBLOCK}, {@code FIONREAD}, the ioctl and
     * fcntl numbers, {@code struct pollfd}, {@code struct timespec}) are those of x86-64 are listed:
     * x86-64 has its own table (202); aarch64, riscv64 and loongarch64 share the generic one (98).
     *
     * @param os   {@code os.name}
     * @param arch {@code os.arch}
     * @return the number
     * @throws UnsatisfiedLinkError for any other system or architecture, saying which are supported;
     *         thrown while this class loads, so the first native call reports it
     */
    static long futexSystemCall(String os, String arch) {
        if (!"Linux".equals(os)) {
            throw new UnsatisfiedLinkError("jbilliard's pipe queues need Linux (futex, FIFOs, /proc);"
                    + " this is " + os + " on " + arch);
        }
        return switch (arch == null ? "" : arch) {
            case "amd64", "x86_64" -> 202;
            case "aarch64", "riscv64", "loongarch64" -> 98;
            default -> throw new UnsatisfiedLinkError("jbilliard's pipe queues do not support the"
                    + " architecture " + arch + " (os.arch): the futex system-call number and the libc"
                    + " constants they use are known for amd64, aarch64, riscv64 and loongarch64 only");
        };
    }

    @SuppressWarnings("restricted") // native access is this class's purpose; enabled by --enable-native-access
    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    private static int errno(Scratch s) {
        return (int) ERRNO_HANDLE.get(s.errno, 0L);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /**
     * Binds now, on the calling thread, the functions that attaching to a queue and using it need
     * ({@code open}, {@code futex}, {@code write}, {@code read}, {@code poll}, {@code close}), in the
     * order a new attachment first calls them. A child process calls this on a helper thread while
     * its main thread deserializes the task, so that the first call of each function finds it bound
     * (a cold bind costs tens of milliseconds); calling it is never needed for correctness.
     *
     * <p>Thread-safe: a thread that calls one of these functions meanwhile waits for its binding
     * instead of binding it a second time.
     *
     * @throws UnsatisfiedLinkError if a function is missing from libc (then its first call fails too)
     */
    public static void prelink() {
        // Reading each holder's handle runs its class initializer, which binds the function.
        MethodHandle[] bound = {Open.H, Futex.H, WriteNative.H, ReadNative.H, Write.H, Read.H, Poll.H, Close.H};
    }

    // ---------------------------------------------------------------- open / close / mkfifo

    private static final class Open {
        static final MethodHandle H = bind("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                Linker.Option.firstVariadicArg(2), ERRNO);
    }

    /**
     * {@code open(path, flags, mode)}.
     *
     * @param path  the path
     * @param flags open flags
     * @param mode  creation mode (ignored unless {@code O_CREAT})
     * @return the descriptor
     * @throws ErrnoException on failure
     */
    public static int open(String path, int flags, int mode) {
        Scratch s = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) Open.H.invokeExact(s.errno, arena.allocateFrom(path), flags, mode);
            if (fd < 0) {
                throw new ErrnoException("open(" + path + ")", errno(s));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Close {
        static final MethodHandle H = bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT), ERRNO);
    }

    /**
     * {@code close(fd)}; errors are ignored (the descriptor is released by the kernel regardless).
     *
     * @param fd the descriptor
     */
    public static void close(int fd) {
        Scratch s = SCRATCH.get();
        try {
            int rc = (int) Close.H.invokeExact(s.errno, fd);
            assert rc == 0 || rc == -1;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Mkfifo {
        static final MethodHandle H = bind("mkfifo", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT), ERRNO);
    }

    /**
     * {@code mkfifo(path, mode)}.
     *
     * @param path the path
     * @param mode the mode (the umask applies; callers chmod afterwards)
     * @throws ErrnoException on failure
     */
    public static void mkfifo(String path, int mode) {
        Scratch s = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) Mkfifo.H.invokeExact(s.errno, arena.allocateFrom(path), mode);
            if (rc != 0) {
                throw new ErrnoException("mkfifo(" + path + ")", errno(s));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Fallocate {
        static final MethodHandle H = bind("posix_fallocate", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    }

    /**
     * {@code posix_fallocate(fd, offset, len)}: reserves the file system's space for a byte range, so
     * that later writes to it, including stores through a shared mapping, never need new space (a
     * store into an unbacked page of a mapping would fault: {@code SIGBUS}, which the JVM reports as
     * {@link InternalError}). Where the file system cannot reserve space directly, glibc writes a byte
     * into every block, which allocates them as well. Retried on {@code EINTR}.
     *
     * @param fd     a descriptor open for writing on a regular file
     * @param offset start of the range
     * @param length length of the range
     * @return {@code 0}, or the error number ({@link #ENOSPC} when the space is missing, {@link #EFBIG})
     */
    public static int posixFallocate(int fd, long offset, long length) {
        try {
            while (true) {
                // NOTE: posix_fallocate returns its error number instead of setting errno.
                int rc = (int) Fallocate.H.invokeExact(fd, offset, length);
                if (rc != EINTR) {
                    return rc;
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- read / write

    /** {@code read} into a heap array: critical (see the class comment). */
    private static final class Read {
        static final MethodHandle H = bind("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                ERRNO, Linker.Option.critical(true));
    }

    /** {@code read} into native memory, which may be a file mapping: not critical. */
    private static final class ReadNative {
        static final MethodHandle H = bind("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), ERRNO);
    }

    /**
     * {@code read(fd, buf+off, len)} on a non-blocking descriptor.
     *
     * @param fd  an {@code O_NONBLOCK} descriptor
     * @param buf the destination (heap or native)
     * @param off where to start writing in {@code buf}
     * @param len at most this many bytes
     * @return bytes read, {@code 0} at end of file, or {@code -EAGAIN}/{@code -EINTR}
     * @throws ErrnoException on any other failure
     */
    public static long read(int fd, MemorySegment buf, long off, long len) {
        Scratch s = SCRATCH.get();
        try {
            MemorySegment into = buf.asSlice(off, len);
            long n = buf.isNative()
                    ? (long) ReadNative.H.invokeExact(s.errno, fd, into, len)
                    : (long) Read.H.invokeExact(s.errno, fd, into, len);
            if (n >= 0) {
                return n;
            }
            int e = errno(s);
            if (e == EAGAIN || e == EINTR) {
                return -e;
            }
            throw new ErrnoException("read(fd " + fd + ")", e);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code write} from a heap array: critical (see the class comment). */
    private static final class Write {
        static final MethodHandle H = bind("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                ERRNO, Linker.Option.critical(true));
    }

    /** {@code write} from native memory, which may be a file mapping: not critical. */
    private static final class WriteNative {
        static final MethodHandle H = bind("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), ERRNO);
    }

    /**
     * {@code write(fd, buf+off, len)} on a non-blocking descriptor.
     *
     * @param fd  an {@code O_NONBLOCK} descriptor
     * @param buf the source (heap or native)
     * @param off where to start reading in {@code buf}
     * @param len at most this many bytes
     * @return bytes written, or {@code -EAGAIN}/{@code -EINTR}
     * @throws ErrnoException on any other failure
     */
    public static long write(int fd, MemorySegment buf, long off, long len) {
        Scratch s = SCRATCH.get();
        try {
            MemorySegment from = buf.asSlice(off, len);
            long n = buf.isNative()
                    ? (long) WriteNative.H.invokeExact(s.errno, fd, from, len)
                    : (long) Write.H.invokeExact(s.errno, fd, from, len);
            if (n >= 0) {
                return n;
            }
            int e = errno(s);
            if (e == EAGAIN || e == EINTR) {
                return -e;
            }
            throw new ErrnoException("write(fd " + fd + ")", e);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- anonymous memory

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_HUGEPAGE = 14;
    /** Size of a transparent huge page on x86-64 and aarch64 (4 KiB base pages). */
    public static final long HUGE_PAGE_SIZE = 2L << 20;

    private static final class Mmap {
        static final MethodHandle H = bind("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), ERRNO);
    }

    private static final class Munmap {
        static final MethodHandle H = bind("munmap", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), ERRNO);
    }

    private static final class Madvise {
        static final MethodHandle H = bind("madvise", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), ERRNO);
    }

    /**
     * Maps {@code size} bytes of private anonymous memory (zero-filled on first touch), aligned to
     * {@link #HUGE_PAGE_SIZE} and advised {@code MADV_HUGEPAGE}, so that the kernel may back it with
     * transparent huge pages: one page fault per 2 MiB instead of one per 4 KiB. (Where huge pages
     * are disabled the advice is ignored and the memory works the same.) The memory is not managed:
     * release it with {@link #munmap}.
     *
     * @param size bytes wanted, a multiple of {@link #HUGE_PAGE_SIZE}
     * @return the mapping, of exactly {@code size} bytes
     * @throws IllegalArgumentException if {@code size} is not a positive multiple of the huge page size
     * @throws OutOfMemoryError         if the kernel has no memory for it
     */
    @SuppressWarnings("restricted") // the segment is sized to the mapping just made
    public static MemorySegment mmapHugeAligned(long size) {
        if (size <= 0 || size % HUGE_PAGE_SIZE != 0) {
            throw new IllegalArgumentException("size " + size + " is not a positive multiple of " + HUGE_PAGE_SIZE);
        }
        Scratch s = SCRATCH.get();
        try {
            long span = size + HUGE_PAGE_SIZE;
            MemorySegment raw = (MemorySegment) Mmap.H.invokeExact(s.errno, MemorySegment.NULL, span,
                    PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
            if (raw.address() == -1L) {
                throw new OutOfMemoryError("mmap(" + span + ") failed: errno " + errno(s));
            }
            long start = raw.address();
            long aligned = (start + HUGE_PAGE_SIZE - 1) & -HUGE_PAGE_SIZE;
            // NOTE: the unaligned head and tail of the span are given back at once, so that only
            // [aligned, aligned + size) stays mapped and munmap(segment) releases everything.
            if (aligned > start) {
                unmap(s, MemorySegment.ofAddress(start), aligned - start);
            }
            long end = start + span;
            if (end > aligned + size) {
                unmap(s, MemorySegment.ofAddress(aligned + size), end - (aligned + size));
            }
            MemorySegment segment = MemorySegment.ofAddress(aligned).reinterpret(size);
            int rc = (int) Madvise.H.invokeExact(s.errno, segment, size, MADV_HUGEPAGE);
            assert rc == 0 || rc == -1; // EINVAL where huge pages are not available: a hint only
            return segment;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Unmaps memory obtained from {@link #mmapHugeAligned}. The segment must not be used afterwards.
     *
     * @param segment the whole mapping
     * @throws ErrnoException on failure
     */
    public static void munmap(MemorySegment segment) {
        Scratch s = SCRATCH.get();
        try {
            unmap(s, segment, segment.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void unmap(Scratch s, MemorySegment at, long length) throws Throwable {
        int rc = (int) Munmap.H.invokeExact(s.errno, at, length);
        if (rc != 0) {
            throw new ErrnoException("munmap(" + length + " bytes)", errno(s));
        }
    }

    // ---------------------------------------------------------------- kill

    private static final class Kill {
        static final MethodHandle H = bind("kill", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO);
    }

    /**
     * {@code kill(pid, signal)} for one process. With signal {@code 0} nothing is sent: the kernel
     * only says whether the pid exists in the caller's PID namespace ({@code 0}, or {@code -EPERM}
     * for another user's process) or not ({@code -ESRCH}). Needs no descriptor.
     *
     * @param pid    a single process, {@code > 0} (never a group: {@code 0} and negative pids are refused)
     * @param signal the signal, or {@code 0} to probe
     * @return {@code 0}, or {@code -errno} ({@code -ESRCH}, {@code -EPERM}, ...)
     * @throws IllegalArgumentException if {@code pid <= 0}
     */
    public static int kill(int pid, int signal) {
        if (pid <= 0) {
            throw new IllegalArgumentException("kill(" + pid + ") would address a process group");
        }
        Scratch s = SCRATCH.get();
        try {
            int rc = (int) Kill.H.invokeExact(s.errno, pid, signal);
            return rc == 0 ? 0 : -errno(s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- poll / fcntl / ioctl

    private static final class Poll {
        static final MethodHandle H = bind("poll", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), ERRNO);
    }

    /**
     * {@code poll} on one descriptor.
     *
     * @param fd        the descriptor
     * @param events    {@link #POLLIN} or {@link #POLLOUT}
     * @param timeoutMs at most this long, in milliseconds; {@code 0} does not wait
     * @return the returned events, {@code 0} on timeout, or {@code -EINTR}
     * @throws ErrnoException on failure
     */
    public static int poll(int fd, short events, int timeoutMs) {
        Scratch s = SCRATCH.get();
        MemorySegment p = s.pollfd;
        p.set(ValueLayout.JAVA_INT, 0, fd);
        p.set(ValueLayout.JAVA_SHORT, 4, events);
        p.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        try {
            int rc = (int) Poll.H.invokeExact(s.errno, p, 1L, timeoutMs);
            if (rc < 0) {
                int e = errno(s);
                if (e == EINTR) {
                    return -e;
                }
                throw new ErrnoException("poll(fd " + fd + ")", e);
            }
            return rc == 0 ? 0 : p.get(ValueLayout.JAVA_SHORT, 6);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Fcntl {
        static final MethodHandle H = bind("fcntl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                Linker.Option.firstVariadicArg(2), ERRNO);
    }

    /**
     * {@code fcntl(fd, cmd, arg)} with an int argument.
     *
     * @param fd  the descriptor
     * @param cmd the command
     * @param arg the argument
     * @return the result ({@code >= 0})
     * @throws ErrnoException on failure
     */
    public static int fcntl(int fd, int cmd, int arg) {
        Scratch s = SCRATCH.get();
        try {
            int rc = (int) Fcntl.H.invokeExact(s.errno, fd, cmd, arg);
            if (rc < 0) {
                throw new ErrnoException("fcntl(fd " + fd + ", " + cmd + ")", errno(s));
            }
            return rc;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Ioctl {
        static final MethodHandle H = bind("ioctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(2), ERRNO);
    }

    /**
     * {@code ioctl(fd, FIONREAD)}: the number of bytes readable from a pipe now.
     *
     * @param fd the descriptor
     * @return bytes buffered in the pipe
     * @throws ErrnoException on failure
     */
    public static int fionread(int fd) {
        Scratch s = SCRATCH.get();
        try {
            int rc = (int) Ioctl.H.invokeExact(s.errno, fd, FIONREAD, s.intOut);
            if (rc < 0) {
                throw new ErrnoException("ioctl(fd " + fd + ", FIONREAD)", errno(s));
            }
            return s.intOut.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- futex

    private static final class Futex {
        static final MethodHandle H = bind("syscall", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                Linker.Option.firstVariadicArg(1), ERRNO);
    }

    /**
     * {@code futex(FUTEX_WAIT)} on a word of a shared mapping: sleeps while the 32-bit word at
     * {@code address} equals {@code expected}, at most {@code timeoutNanos} (relative, monotonic).
     *
     * @param address      the word's native address (4-byte aligned, in a {@code MAP_SHARED} mapping)
     * @param expected     the value that means "keep sleeping"
     * @param timeoutNanos at most this long
     * @return {@code 0} when woken, {@code -EAGAIN} if the word differed, {@code -ETIMEDOUT},
     *         {@code -EINTR}
     */
    public static int futexWait(long address, int expected, long timeoutNanos) {
        Scratch s = SCRATCH.get();
        MemorySegment ts = s.timespec;
        long t = Math.max(0, timeoutNanos);
        ts.set(ValueLayout.JAVA_LONG, 0, t / 1_000_000_000L);
        ts.set(ValueLayout.JAVA_LONG, 8, t % 1_000_000_000L);
        try {
            long rc = (long) Futex.H.invokeExact(s.errno, SYS_FUTEX, address, FUTEX_WAIT,
                    (long) expected, ts, 0L, 0L);
            if (rc == 0) {
                return 0;
            }
            int e = errno(s);
            if (e == EAGAIN || e == ETIMEDOUT || e == EINTR) {
                return -e;
            }
            throw new ErrnoException("futex(FUTEX_WAIT)", e);
        } catch (Throwable th) {
            throw rethrow(th);
        }
    }

    /**
     * {@code futex(FUTEX_WAKE)}: wakes up to {@code count} waiters on the word at {@code address}.
     *
     * @param address the word's native address
     * @param count   how many to wake
     * @return how many were woken
     */
    public static int futexWake(long address, int count) {
        Scratch s = SCRATCH.get();
        try {
            long rc = (long) Futex.H.invokeExact(s.errno, SYS_FUTEX, address, FUTEX_WAKE,
                    (long) count, MemorySegment.NULL, 0L, 0L);
            if (rc < 0) {
                throw new ErrnoException("futex(FUTEX_WAKE)", errno(s));
            }
            return (int) rc;
        } catch (Throwable th) {
            throw rethrow(th);
        }
    }
}
