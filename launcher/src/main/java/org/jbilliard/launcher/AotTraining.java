package org.jbilliard.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;

/**
 * The workload of the training run behind the child start-up cache ({@link StartupCache}). The
 * training run is a real child — {@link ChildMain} reading a launch request, deserializing this
 * class's task, recording its shutdown — whose task rehearses what tasks typically do first:
 * deserialize a lambda and an exception, write and rename a private file, start a thread, print a
 * failure; then the context's own rehearsal ({@link LaunchSupport#startupTraining}: attach a queue,
 * put, get); then every class of the boot jar is loaded. The classes, linked call sites and generated
 * method-handle code this touches go into the cache, which every child then maps.
 *
 * <p>It refers to no class outside the JDK and jbilliard, so that it runs from the boot jar alone
 * (which holds copies of the api's, the launcher's and the context's classes, see {@link OwnClasses}).
 *
 * <p><b>Thread-safety.</b> Runs once, on the main thread of the training JVM.
 */
final class AotTraining {

    private AotTraining() {
    }

    /** The task of the training run: the launcher's rehearsal, then {@code context}'s if any. */
    static Task task(String scratch, Task context) {
        return () -> {
            rehearse(Path.of(scratch));
            if (context != null) {
                context.run();
            }
            loadBootJar();
        };
    }

    /**
     * The classes the boot jar must hold, whatever {@link OwnClasses} can list: the child's launch
     * path, this class, and the api types they use.
     */
    static List<Class<?>> bootClasses() {
        return List.of(ChildMain.class, LaunchRequest.class, ResultDirectory.class, ParentWatcher.class,
                ShutdownSignals.class, ChildPrelude.class, TaskSerialization.class,
                TaskSerialization.SystemLoaderInputStream.class, AotTraining.class, Replaced.class, Task.class,
                TaskFailure.class);
    }

    private static void rehearse(Path scratch) throws Exception {
        Thread thread = new Thread(() -> { }, "training-thread");
        thread.setDaemon(true);
        thread.start();
        serialization();
        files(scratch);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        out.println("Process " + "TaskProcess-1" + ":");
        new IllegalStateException("rehearsal", new RuntimeException("cause")).printStackTrace(out);
        thread.join();
    }

    /**
     * Stands for a queue handle in the stream: a serializable class (not a record, like the handles it
     * stands for) that resolves to another object.
     */
    private static final class Replaced implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private final String address;
        private final int kind;

        Replaced(String address, int kind) {
            this.address = address;
            this.kind = kind;
        }

        @java.io.Serial
        private Object readResolve() {
            return address + kind;
        }
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
            out.writeObject(new Replaced("address", 1));
        }
        DataOutputStream header = new DataOutputStream(new ByteArrayOutputStream());
        header.writeInt(1);
        header.writeUTF("name");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.readObject();
            in.readObject();
            in.readObject();
            in.readObject();
        }
        new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 1})).readInt();
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

    /**
     * Loads every class of the boot jar (the training JVM's whole class path), so that the cache holds
     * them verified and linked even where the rehearsals do not execute them.
     */
    private static void loadBootJar() throws IOException {
        String classPath = System.getProperty("java.class.path", "");
        ClassLoader loader = AotTraining.class.getClassLoader();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (!name.endsWith(".class")) {
                        continue;
                    }
                    try {
                        Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                                false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // A class that cannot be loaded here is simply not in the cache.
                    }
                }
            }
        }
    }
}
