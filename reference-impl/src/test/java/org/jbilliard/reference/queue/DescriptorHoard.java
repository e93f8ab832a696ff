package org.jbilliard.reference.queue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.reference.nativeio.ErrnoException;
import org.jbilliard.reference.nativeio.LibC;

/**
 * Makes the calling process run out of file descriptors for real: lowers its soft
 * {@code RLIMIT_NOFILE} (so that exhausting it is quick) and opens {@code /dev/null} until
 * {@code open} fails with {@code EMFILE}. {@link #close()} gives everything back.
 *
 * <p>Not thread-safe; meant for the main thread of a child JVM.
 */
final class DescriptorHoard implements AutoCloseable {

    private static final int RLIMIT_NOFILE = 7;

    private final List<Integer> held = new ArrayList<>();
    private final long savedSoft;
    private final long hard;

    private DescriptorHoard(long savedSoft, long hard) {
        this.savedSoft = savedSoft;
        this.hard = hard;
    }

    /**
     * Lowers the soft limit to {@code limit} (if lower than now) and opens descriptors until none is left.
     *
     * @param limit the soft limit to run under
     * @return the hoard
     */
    static DescriptorHoard exhaust(long limit) throws Throwable {
        long[] now = getrlimit();
        DescriptorHoard hoard = new DescriptorHoard(now[0], now[1]);
        setrlimit(Math.min(limit, now[0]), now[1]);
        while (true) {
            try {
                hoard.held.add(LibC.open("/dev/null", LibC.O_RDWR | LibC.O_CLOEXEC, 0));
            } catch (ErrnoException e) {
                if (e.errno() != LibC.EMFILE) {
                    hoard.close();
                    throw e;
                }
                return hoard;
            }
        }
    }

    /** How many descriptors the hoard holds. */
    int size() {
        return held.size();
    }

    /** Whether an {@code open} fails with {@code EMFILE} right now. */
    static boolean exhausted() {
        try {
            LibC.close(LibC.open("/dev/null", LibC.O_RDWR | LibC.O_CLOEXEC, 0));
            return false;
        } catch (ErrnoException e) {
            return e.errno() == LibC.EMFILE;
        }
    }

    @Override
    public void close() {
        for (int fd : held) {
            LibC.close(fd);
        }
        held.clear();
        setrlimit(savedSoft, hard);
    }

    private static long[] getrlimit() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rl = arena.allocate(16, 8);
            int rc = (int) Rlimit.GET.invokeExact(RLIMIT_NOFILE, rl);
            if (rc != 0) {
                throw new IllegalStateException("getrlimit failed");
            }
            return new long[] {rl.get(ValueLayout.JAVA_LONG, 0), rl.get(ValueLayout.JAVA_LONG, 8)};
        }
    }

    private static void setrlimit(long soft, long hardLimit) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rl = arena.allocate(16, 8);
            rl.set(ValueLayout.JAVA_LONG, 0, soft);
            rl.set(ValueLayout.JAVA_LONG, 8, hardLimit);
            int rc = (int) Rlimit.SET.invokeExact(RLIMIT_NOFILE, rl);
            if (rc != 0) {
                throw new IllegalStateException("setrlimit(RLIMIT_NOFILE, " + soft + ") failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static final class Rlimit {
        static final MethodHandle GET = bind("getrlimit");
        static final MethodHandle SET = bind("setrlimit");

        @SuppressWarnings("restricted") // test code binding two libc functions
        private static MethodHandle bind(String name) {
            Linker linker = Linker.nativeLinker();
            return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        }
    }
}
