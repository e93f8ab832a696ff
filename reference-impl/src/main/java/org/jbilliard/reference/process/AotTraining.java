package org.jbilliard.reference.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The training run behind the child start-up cache ({@link StartupCache}): a JVM-only rehearsal of
 * what a child does in its first milliseconds — read a request, deserialize a lambda and an
 * exception, bind and call libc through the FFM API with the shapes a pipe queue uses, map a file,
 * write and rename a private file, start threads, register a hook. The JDK classes, linked call sites
 * and generated method-handle code it touches go into the cache, which every child then maps.
 *
 * <p>It refers to no jbilliard or user class so that it runs from a one-class jar: the cache is then
 * valid for any class path that starts with that jar.
 *
 * <p><b>Thread-safety.</b> Runs once, on the main thread of the training JVM.
 */
public final class AotTraining {

    private AotTraining() {
    }

    /**
     * Runs the rehearsal.
     *
     * @param args a private scratch directory (deleted content is the caller's concern)
     * @throws Throwable if the rehearsal fails; the cache is then not built
     */
    public static void main(String[] args) throws Throwable {
        Path scratch = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Thread.getAllStackTraces().size(), "training-hook"));
        Thread watcher = new Thread(() -> { }, "training-thread");
        watcher.setDaemon(true);
        watcher.start();
        serialization();
        foreign(scratch);
        files(scratch);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        out.println("Process " + "TaskProcess-1" + ":");
        new IllegalStateException("rehearsal", new RuntimeException("cause")).printStackTrace(out);
        watcher.join();
    }

    private static void serialization() throws IOException, ClassNotFoundException {
        int captured = 42;
        String text = "captured";
        Callable<String> lambda = (Callable<String> & Serializable) () -> text + captured;
        Map<String, Object> map = new HashMap<>();
        map.put("list", List.of(1, 2L, 3.0, "four", new byte[] {5}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(lambda);
            out.writeObject(map);
            out.writeObject(new IllegalArgumentException("x", new RuntimeException("y")));
        }
        DataOutputStream header = new DataOutputStream(new ByteArrayOutputStream());
        header.writeInt(1);
        header.writeUTF("name");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.readObject();
            in.readObject();
            in.readObject();
        }
        new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 1})).readInt();
    }

    @SuppressWarnings("restricted") // the training JVM runs with --enable-native-access, as children do
    private static void foreign(Path scratch) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        MethodHandle getpid = linker.downcallHandle(libc.find("getpid").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
        MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT), errno, Linker.Option.firstVariadicArg(2));
        MethodHandle read = linker.downcallHandle(libc.find("read").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG), errno);
        MethodHandle write = linker.downcallHandle(libc.find("write").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG), errno);
        MethodHandle poll = linker.downcallHandle(libc.find("poll").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT), errno);
        MethodHandle fcntl = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT), errno, Linker.Option.firstVariadicArg(2));
        MethodHandle syscall = linker.downcallHandle(libc.find("syscall").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT), errno, Linker.Option.firstVariadicArg(1));
        int pid = (int) getpid.invokeExact();
        Path file = scratch.resolve("training-" + pid);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment path = arena.allocateFrom(file.toString());
            int fd = (int) open.invokeExact(state, path, 0102 /* O_CREAT|O_RDWR */, 0600);
            MemorySegment buffer = arena.allocate(64);
            buffer.set(ValueLayout.JAVA_INT, 0, pid);
            long written = (long) write.invokeExact(state, fd, buffer, 8L);
            int flags = (int) fcntl.invokeExact(state, fd, 3 /* F_GETFL */, 0);
            MemorySegment pollfd = arena.allocate(8);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) 1);
            int ready = (int) poll.invokeExact(state, pollfd, 1L, 0);
            long got = (long) read.invokeExact(state, fd, buffer, 8L);
            int closed = (int) close.invokeExact(state, fd);
            MemorySegment word = arena.allocate(ValueLayout.JAVA_INT);
            long woken = (long) syscall.invokeExact(state, 202L /* SYS_futex */, word, 1 /* FUTEX_WAKE */, 1,
                    MemorySegment.NULL, MemorySegment.NULL, 0);
            if (written + flags + ready + got + closed + woken == Long.MIN_VALUE) {
                throw new AssertionError("unreachable: keeps the results alive");
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared()) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena);
            mapped.set(ValueLayout.JAVA_LONG, 8, 1L);
            mapped.get(ValueLayout.JAVA_LONG, 8);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void files(Path scratch) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "training-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = dir.resolve("record.tmp");
        Files.write(tmp, "exit".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW);
        Path record = dir.resolve("record");
        Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE);
        Files.readString(record, StandardCharsets.US_ASCII);
        Files.delete(record);
        Files.delete(dir);
    }
}
