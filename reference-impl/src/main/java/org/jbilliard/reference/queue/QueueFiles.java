package org.jbilliard.reference.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jbilliard.reference.nativeio.ErrnoException;
import org.jbilliard.reference.nativeio.LibC;

/**
 * Where a queue's files live and who may use them.
 *
 * <p>A queue is a directory {@code jbilliard-q-<creator pid>-<random>} (mode 0700) holding
 * {@code ctl} (the control block, 0600), {@code fifo} (the item FIFO, 0600) and {@code codec} (the
 * serialized codec, 0600). Modes are set with {@code chmod} after creation, so the umask cannot widen
 * or narrow them. Its address is the directory's absolute path.
 *
 * <p><b>Where.</b> New queues go to the directory named by the system property
 * {@value #DIRECTORY_PROPERTY} if it is set (it must exist); otherwise to {@code $XDG_RUNTIME_DIR},
 * else {@code /dev/shm}, whichever first exists and is writable — a memory file system, whose pages
 * are never written back to a disk — and only where neither does, to {@code java.io.tmpdir}. Child
 * JVMs started by the reference context inherit the property. Start-up cleanup scans all of these
 * places.
 *
 * <p><b>Space.</b> The control block is mapped {@code MAP_SHARED}; a store into a page the file
 * system cannot back would kill the JVM with {@code SIGBUS} (or surface as an {@link InternalError}).
 * So its whole size is reserved at creation with {@code posix_fallocate} ({@link #createReserved}):
 * once a queue exists, a file system that fills up cannot disturb it (items themselves travel through
 * the kernel's pipe buffer, not through the file system). Creation where the space is missing fails
 * with an {@link UncheckedIOException} naming the directory and the bytes needed, and removes what it
 * had created.
 *
 * <p>Stateless; thread-safe.
 */
final class QueueFiles {

    static final String PREFIX = "jbilliard-q-";
    static final String CONTROL = "ctl";
    static final String FIFO = "fifo";
    static final String CODEC = "codec";
    /** The {@link OverflowStage}; created by the first reader of a frame longer than the read stage. */
    static final String OVERFLOW = "overflow";

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOREIGN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private static volatile Integer uid;

    private QueueFiles() {
    }

    /** System property naming the directory new queues are created in. */
    static final String DIRECTORY_PROPERTY = "jbilliard.queue.dir";

    /** Bytes a queue's files take beyond the codec's: the control block, reserved at creation. */
    static final long RESERVED_BYTES = ControlBlockLayout.SIZE;

    /**
     * The directory under which queue directories are created; see the class comment.
     *
     * @throws IllegalStateException if {@value #DIRECTORY_PROPERTY} names no directory
     */
    static Path root() {
        String chosen = System.getProperty(DIRECTORY_PROPERTY);
        if (chosen != null && !chosen.isEmpty()) {
            Path p = Path.of(chosen).toAbsolutePath();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("-D" + DIRECTORY_PROPERTY + "=" + chosen
                        + " does not name a directory; queues cannot be created there");
            }
            return p;
        }
        for (Path p : memoryCandidates()) {
            if (Files.isDirectory(p) && Files.isWritable(p)) {
                return p;
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    /** Every place a queue directory may be, in {@link #root()}'s order: start-up cleanup scans them all. */
    static java.util.List<Path> roots() {
        java.util.LinkedHashSet<Path> all = new java.util.LinkedHashSet<>();
        String chosen = System.getProperty(DIRECTORY_PROPERTY);
        if (chosen != null && !chosen.isEmpty()) {
            all.add(Path.of(chosen).toAbsolutePath());
        }
        all.addAll(memoryCandidates());
        all.add(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        return all.stream().filter(Files::isDirectory).toList();
    }

    private static java.util.List<Path> memoryCandidates() {
        java.util.List<Path> list = new java.util.ArrayList<>(2);
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty()) {
            list.add(Path.of(xdg).toAbsolutePath());
        }
        list.add(Path.of("/dev/shm"));
        return list;
    }

    /**
     * Creates {@code file} (mode 0600, must not exist) with {@code size} bytes whose space is
     * reserved, so that a mapping of it never faults for want of space.
     *
     * @throws UncheckedIOException naming the directory and the space needed if it cannot be done
     */
    static void createReserved(Path file, long size, long totalNeeded) {
        int fd;
        try {
            fd = LibC.open(file.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0600);
        } catch (ErrnoException e) {
            throw creationFailure(file.getParent(), totalNeeded, e.errno(), e);
        }
        try {
            makePrivate(file);
            int rc = LibC.posixFallocate(fd, 0, size);
            if (rc != 0) {
                throw creationFailure(file.getParent(), totalNeeded, rc,
                        new ErrnoException("posix_fallocate(" + file + ", " + size + ")", rc));
            }
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * The exception for a queue that could not be created in {@code dir}: names the directory, the
     * bytes the queue needs and, for a full file system, the bytes free and how to choose another.
     */
    static UncheckedIOException creationFailure(Path dir, long needed, int errno, Throwable cause) {
        Path where = dir.getParent() != null && dir.getFileName().toString().startsWith(PREFIX) ? dir.getParent() : dir;
        long free = usableSpace(where);
        boolean full = errno == LibC.ENOSPC || (free >= 0 && free < needed);
        String message = full
                ? "no space for a queue in " + where + ": it needs " + needed + " bytes, and the file system has "
                        + (free < 0 ? "less" : free + " bytes") + " free (choose another directory with -D"
                        + DIRECTORY_PROPERTY + "=...)"
                : "cannot create a queue in " + where + " (" + needed + " bytes needed): " + cause.getMessage();
        IOException io = cause instanceof IOException e ? e : new IOException(cause.getMessage(), cause);
        return new UncheckedIOException(message, io);
    }

    /** Bytes free for this user on the file system holding {@code dir}, or -1 if unknown. */
    static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Creates a fresh private queue directory.
     *
     * @param needed the bytes the queue's files will need, for the message if it cannot be done
     */
    static Path createDirectory(long needed) {
        Path root = root().toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            Path dir = root.resolve(PREFIX + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                Files.setPosixFilePermissions(dir, DIR_MODE);
                return dir;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw creationFailure(root, needed, 0, e);
            }
        }
    }

    /** Sets a file's mode to exactly 0600. */
    static void makePrivate(Path file) {
        try {
            Files.setPosixFilePermissions(file, FILE_MODE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<PosixFilePermission> fileMode() {
        return FILE_MODE;
    }

    /**
     * Checks that {@code address} names a queue directory this user may attach to.
     *
     * @return the directory
     * @throws IllegalArgumentException naming the address and the problem
     */
    static Path checkAttachable(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("queue address is empty");
        }
        Path dir = Path.of(address);
        if (!dir.isAbsolute() || !dir.getFileName().toString().startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a jbilliard queue address: " + address);
        }
        checkPrivate(dir, address, true);
        checkPrivate(dir.resolve(CONTROL), address, false);
        checkPrivate(dir.resolve(FIFO), address, false);
        checkPrivate(dir.resolve(CODEC), address, false);
        return dir;
    }

    private static void checkPrivate(Path p, String address, boolean directory) {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no queue at " + address + " (" + p.getFileName()
                    + " does not exist; the queue was closed by all its users or never existed)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot inspect queue at " + address + ": " + e, e);
        }
        if (attrs.isSymbolicLink() || (directory && !attrs.isDirectory())) {
            throw new IllegalArgumentException("refusing queue at " + address + ": " + p
                    + " is not a plain " + (directory ? "directory" : "file"));
        }
        int owner = ownerUid(p);
        if (owner != currentUid()) {
            throw new IllegalArgumentException("refusing queue at " + address + ": " + p
                    + " belongs to uid " + owner + ", not to this user (uid " + currentUid() + ")");
        }
        Set<PosixFilePermission> exposed = EnumSet.copyOf(attrs.permissions().isEmpty()
                ? EnumSet.noneOf(PosixFilePermission.class) : attrs.permissions());
        exposed.retainAll(FOREIGN);
        if (!exposed.isEmpty()) {
            throw new IllegalArgumentException("refusing queue at " + address + ": " + p
                    + " is accessible to group or others (mode "
                    + PosixFilePermissions.toString(attrs.permissions()) + ", must be private)");
        }
    }

    private static int ownerUid(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int currentUid() {
        Integer u = uid;
        if (u == null) {
            u = ownerUid(Path.of("/proc/self"));
            uid = u;
        }
        return u;
    }

    /** Deletes a queue directory and its files; missing files are fine. */
    static void delete(Path dir) {
        for (String name : new String[] {CONTROL, FIFO, CODEC, OVERFLOW}) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                // best effort: the directory delete below reports nothing either
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a file we do not know about: leave the directory for inspection
        }
    }

    /** Lists this user's queue directories under every {@linkplain #roots() root}. */
    static java.util.List<Path> list() {
        java.util.List<Path> dirs = new java.util.ArrayList<>();
        for (Path root : roots()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, PREFIX + "*")) {
                for (Path p : ds) {
                    try {
                        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && ownerUid(p) == currentUid()) {
                            dirs.add(p.toAbsolutePath());
                        }
                    } catch (UncheckedIOException e) {
                        // vanished while listing
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable root: nothing stale to find there
            }
        }
        return dirs;
    }

    /** The creator pid encoded in a queue directory's name, or -1. */
    static long creatorPid(Path dir) {
        String n = dir.getFileName().toString().substring(PREFIX.length());
        int dash = n.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? n : n.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
