package org.jbilliard.reference.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.reference.ReferenceContext;

/**
 * The reference implementation's part of the children's start-up cache training
 * ({@link org.jbilliard.launcher.LaunchSupport#startupTraining}): what a child whose task captured
 * pipe queues does first — attach them by deserializing, put and get — and the libc calls and JDK
 * classes the queues use. The launcher runs it after its own rehearsal (launch path, serialization,
 * files), in a JVM whose class path is the boot jar alone; it refers to nothing outside the JDK, the
 * api and this implementation.
 *
 * <p><b>Thread-safety.</b> Runs once, on the main thread of the training JVM.
 */
final class QueueTraining {

    private QueueTraining() {
    }

    /** The rehearsal, as a task of its own. */
    static Task task(String scratch) {
        return () -> rehearse(Path.of(scratch));
    }

    private static void rehearse(Path scratch) throws Exception {
        queues();
        try {
            foreign(scratch);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // invokeExact declares Throwable
        }
        queueLibrary(scratch);
    }

    /**
     * What a child whose task captured queues does: attach them by deserializing the task, put, and
     * (in its parent's place here) get.
     */
    private static void queues() throws Exception {
        ReferenceContext context = new ReferenceContext();
        try (Queue<Object> queue = context.queue(); SimpleQueue<Object> simple = context.simpleQueue()) {
            byte[] bytes = serialize(() -> {
                queue.put(System.nanoTime());
                simple.put("item");
            });
            deserialize(bytes).run();
            queue.get(Duration.ofSeconds(30));
            simple.get();
        }
    }

    /**
     * Binds and calls libc with exactly the descriptors and options of the queues' libc bindings
     * ({@code org.jbilliard.reference.nativeio.LibC}): the generated method-handle code is per shape,
     * so the same shapes here are what makes it cached. Keep the two in step.
     */
    @SuppressWarnings("restricted") // the training JVM runs with --enable-native-access, as children do
    private static void foreign(Path scratch) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        VarHandle errnoHandle = Linker.Option.captureStateLayout()
                .varHandle(MemoryLayout.PathElement.groupElement("errno"));
        MethodHandle open = linker.downcallHandle(libc.find("open")
                        .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: open")),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2), errno);
        MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
        MethodHandle mkfifo = linker.downcallHandle(libc.find("mkfifo").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
        MethodHandle read = linker.downcallHandle(libc.find("read").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG), errno, Linker.Option.critical(true));
        MethodHandle write = linker.downcallHandle(libc.find("write").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG), errno, Linker.Option.critical(true));
        MethodHandle poll = linker.downcallHandle(libc.find("poll").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT), errno);
        MethodHandle fcntl = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2), errno);
        MethodHandle ioctl = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS), Linker.Option.firstVariadicArg(2), errno);
        MethodHandle syscall = linker.downcallHandle(libc.find("syscall").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1), errno);
        Path file = scratch.resolve("training-" + ProcessHandle.current().pid());
        Path fifo = scratch.resolve("training-fifo-" + ProcessHandle.current().pid());
        long results = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) open.invokeExact(state, arena.allocateFrom(file.toString()), 0102 /* O_CREAT|O_RDWR */, 0600);
            MemorySegment buffer = arena.allocate(64);
            buffer.set(ValueLayout.JAVA_INT, 0, fd);
            results += (long) write.invokeExact(state, fd, buffer, 8L);
            results += (int) fcntl.invokeExact(state, fd, 3 /* F_GETFL */, 0);
            MemorySegment available = arena.allocate(ValueLayout.JAVA_INT);
            results += (int) ioctl.invokeExact(state, fd, 0x541BL /* FIONREAD */, available);
            MemorySegment pollfd = arena.allocate(8);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) 1);
            results += (int) poll.invokeExact(state, pollfd, 1L, 0);
            results += (long) read.invokeExact(state, fd, buffer, 8L);
            results += (int) close.invokeExact(state, fd);
            results += (int) mkfifo.invokeExact(state, arena.allocateFrom(fifo.toString()), 0600);
            results += (int) errnoHandle.get(state, 0L);
            MemorySegment word = arena.allocate(ValueLayout.JAVA_INT);
            results += (long) syscall.invokeExact(state, 202L /* SYS_futex */, word.address(), 1L /* FUTEX_WAKE */,
                    1L, MemorySegment.NULL, 0L, 0L);
        } finally {
            Files.deleteIfExists(fifo);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared()) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena);
            VarHandle longs = ValueLayout.JAVA_LONG.varHandle();
            VarHandle ints = ValueLayout.JAVA_INT.varHandle();
            results += (boolean) longs.compareAndSet(mapped, 8L, 0L, 1L) ? 1 : 0;
            results += (long) longs.getAndAdd(mapped, 16L, 1L);
            results += (long) longs.getVolatile(mapped, 8L);
            longs.setVolatile(mapped, 24L, 2L);
            results += (boolean) ints.compareAndSet(mapped, 32L, 0, 1) ? 1 : 0;
            results += (int) ints.getAndAdd(mapped, 36L, 1);
            results += (int) ints.getVolatile(mapped, 32L);
            ints.setVolatile(mapped, 40L, 2);
        } finally {
            Files.deleteIfExists(file);
        }
        if (results == Long.MIN_VALUE) {
            throw new AssertionError("unreachable: keeps the results alive");
        }
    }

    /**
     * The JDK classes that attaching to a queue and a first put use, beyond those of the steps above:
     * reading a directory's POSIX attributes and its owner's uid, a directory that already exists, a stream over an
     * {@code int[]}, CRC32C, a heap segment, a string concatenation of several values, a platform
     * thread built with {@code Thread.ofPlatform()}, and a lock contended and waited on.
     */
    private static void queueLibrary(Path scratch) throws IOException, InterruptedException {
        PosixFileAttributes attributes = Files.readAttributes(scratch, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        long results = attributes.owner().getName().length() + attributes.permissions().size()
                + (Integer) Files.getAttribute(scratch, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        try {
            Files.createDirectory(scratch);
        } catch (FileAlreadyExistsException expected) {
            results += new UncheckedIOException(expected).getMessage().length();
        }
        int[] kinds = {1, 2, 3};
        int wanted = kinds.length;
        results += Arrays.stream(kinds).noneMatch(k -> k == wanted) ? 1 : 0;
        results += new ArrayList<>(List.of(1, 2, 3)).subList(0, 2).size();
        CRC32C crc = new CRC32C();
        byte[] payload = new byte[16];
        crc.update(payload, 0, payload.length);
        results += crc.getValue();
        results += MemorySegment.ofArray(payload).get(ValueLayout.JAVA_BYTE, 0);
        results += ("queue " + scratch + " item " + results + " of " + payload.length + '.').length();
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        Thread contender = Thread.ofPlatform().daemon().name("training-feeder").unstarted(() -> {
            lock.lock();
            lock.unlock();
        });
        lock.lock();
        try {
            contender.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!lock.hasQueuedThreads() && contender.isAlive() && System.nanoTime() - deadline < 0) {
                changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        } finally {
            lock.unlock();
        }
        contender.join();
        if (results == Long.MIN_VALUE) {
            throw new AssertionError("unreachable: keeps the results alive");
        }
    }

    private static byte[] serialize(Task task) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        return bytes.toByteArray();
    }

    private static Task deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (Task) in.readObject();
        }
    }
}
