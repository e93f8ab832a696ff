package org.jbilliard.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.jbilliard.TaskFailure;

/**
 * The private channel through which a child tells its parent how it ended: a directory of mode 0700
 * created by the parent for one child, holding at most three files of mode 0600, each written to a
 * temporary name and renamed into place so that the parent reads a file whole or not at all.
 *
 * <ul>
 *   <li>{@code running}: empty, written by the child once it has read its launch request, before it
 *       loads the task. Its absence after a non-zero exit means the child JVM never got that far (it
 *       could not start: a bad JVM option, a main class it cannot load).</li>
 *   <li>{@code shutdown}: written by the child's shutdown hook; {@code "exit"} if the JVM is
 *       shutting down because the task ended or called {@code System.exit}, {@code "signal N"} if
 *       signal N started the shutdown. Its absence means no hook ran (SIGKILL, a crash,
 *       {@code Runtime.halt}).</li>
 *   <li>{@code failure}: the task's uncaught exception as a Java-serialized {@link TaskFailure}.</li>
 * </ul>
 *
 * <p>The parent deletes the directory once it has reaped the child; a child whose parent died
 * deletes it itself; {@link #removeStale()} deletes those of parents that no longer exist.
 *
 * <p><b>Thread-safety.</b> Instances are immutable; concurrent writes of the same file are not
 * expected (one writer per file by construction).
 */
final class ResultDirectory {

    static final String PREFIX = "jbilliard-task-";
    private static final String SHUTDOWN = "shutdown";
    private static final String FAILURE = "failure";
    private static final String RUNNING = "running";
    private static final String READY = "ready";
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path dir;

    ResultDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a fresh directory for one child, named after this (the parent) process.
     *
     * @throws IOException if it cannot be created
     */
    static ResultDirectory create() throws IOException {
        Path dir = Files.createTempDirectory(base(), prefix(ProcessHandle.current().pid()), DIR_MODE);
        // The umask can only remove bits, but be explicit: the mode is part of the contract.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return new ResultDirectory(dir);
    }

    /**
     * {@code jbilliard-task-<pid>-ns<pid namespace inode>-}: the pid means a process only in that
     * namespace, so {@link #removeStale()} judges only directories of its own namespace.
     */
    static String prefix(long pid) {
        return PREFIX + pid + "-ns" + PidNamespace.current() + "-";
    }

    /** {@code $XDG_RUNTIME_DIR} if usable (a tmpfs private to the user), else {@code java.io.tmpdir}. */
    static Path base() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            Path path = Path.of(runtime);
            if (Files.isDirectory(path) && Files.isWritable(path)) {
                return path;
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path path() {
        return dir;
    }

    /** Spare side: records that the spare has warmed up and waits for its request. */
    void writeReady() throws IOException {
        write(READY, new byte[0]);
    }

    /** Parent side: whether a spare has warmed up. */
    boolean readReady() {
        return Files.exists(dir.resolve(READY));
    }

    /** Child side: records that the child has read its request and goes on to run the task. */
    void writeRunning() throws IOException {
        write(RUNNING, new byte[0]);
    }

    /** Parent side: whether the child got as far as running the task. */
    boolean readRunning() {
        return Files.exists(dir.resolve(RUNNING));
    }

    /** Child side: records that a shutdown started, and whether a signal started it. */
    void writeShutdown(int signal) throws IOException {
        String text = signal == 0 ? "exit" : "signal " + signal;
        write(SHUTDOWN, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Child side: records the task's uncaught exception. */
    void writeFailure(Throwable failure) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(TaskFailure.copyOf(failure));
        }
        write(FAILURE, bytes.toByteArray());
    }

    private void write(String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(tmp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE))) {
            out.write(content);
        }
        // NOTE: the rename publishes the file; the parent never sees a half-written record.
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Parent side: what the child's shutdown hook recorded.
     *
     * @return {@code -1} if nothing was recorded, {@code 0} for a shutdown not started by a signal,
     *         else the signal number
     */
    int readShutdown() {
        try {
            String text = Files.readString(dir.resolve(SHUTDOWN), StandardCharsets.US_ASCII).trim();
            if (text.equals("exit")) {
                return 0;
            }
            if (text.startsWith("signal ")) {
                return Integer.parseInt(text.substring("signal ".length()));
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Parent side: the task's failure, if the child recorded one. */
    Optional<TaskFailure> readFailure() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(FAILURE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(unreadable(e));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return Optional.of((TaskFailure) in.readObject());
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            return Optional.of(unreadable(e));
        }
    }

    private TaskFailure unreadable(Exception e) {
        return new TaskFailure(e.getClass().getName(),
                "the child recorded a failure in " + dir + " that could not be read: " + e.getMessage(),
                e.getStackTrace(), null);
    }

    /** Deletes the directory and what it holds; errors are ignored (it may already be gone). */
    void deleteQuietly() {
        deleteTree(dir);
    }

    /**
     * Deletes the result directories of parents that no longer exist (a parent killed before it
     * could reap its children): only those named for this PID namespace whose pid {@link ProcessHandle#of(long)}
     * reports missing. Directories of other namespaces, or without one in their name, are left alone.
     * Called once per JVM, when the first context is created.
     */
    static void removeStale() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base(), PREFIX + "*")) {
            String ns = "ns" + PidNamespace.current();
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().substring(PREFIX.length()).split("-");
                if (parts.length < 3 || !parts[1].equals(ns)) {
                    continue;
                }
                int pid;
                try {
                    pid = Integer.parseInt(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid > 0 && ProcessHandle.of(pid).isEmpty()
                        && Files.isDirectory(entry)
                        && Files.getOwner(entry).getName().equals(System.getProperty("user.name"))) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a leftover directory costs a few bytes; never fail a context over it.
        }
    }

    private static void deleteTree(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            // already gone, or not ours
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty because a writer raced us; the next removeStale() gets it
        }
    }
}
