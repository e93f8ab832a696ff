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

/**
 * Where a queue's files live and who may use them.
 *
 * <p>A queue is a directory {@code jbilliard-q-<creator pid>-<random>} (mode 0700) under
 * {@code $XDG_RUNTIME_DIR} if set, else {@code java.io.tmpdir}, holding {@code ctl} (the control
 * block, 0600), {@code fifo} (the item FIFO, 0600) and {@code codec} (the serialized codec, 0600).
 * Modes are set with {@code chmod} after creation, so the umask cannot widen or narrow them. Its
 * address is the directory's absolute path.
 *
 * <p>Stateless; thread-safe.
 */
final class QueueFiles {

    static final String PREFIX = "jbilliard-q-";
    static final String CONTROL = "ctl";
    static final String FIFO = "fifo";
    static final String CODEC = "codec";

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOREIGN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private static volatile Integer uid;

    private QueueFiles() {
    }

    /** The directory under which queue directories are created. */
    static Path root() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Creates a fresh private queue directory. */
    static Path createDirectory() {
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
                throw new UncheckedIOException("cannot create a queue directory under " + root, e);
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
        for (String name : new String[] {CONTROL, FIFO, CODEC}) {
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

    /** Lists this user's queue directories under the root. */
    static java.util.List<Path> list() {
        java.util.List<Path> dirs = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root(), PREFIX + "*")) {
            for (Path p : ds) {
                try {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && ownerUid(p) == currentUid()) {
                        dirs.add(p.toAbsolutePath());
                    }
                } catch (UncheckedIOException e) {
                    // vanished while listing
                }
            }
        } catch (IOException e) {
            // no root: nothing stale
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
