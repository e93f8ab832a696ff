package org.jbilliard.reference.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted by a test, so that "the file system is full" is a real condition and not a
 * mock: {@link #fillLeaving} and {@link #fillCompletely} use up its space with filler files, and
 * {@link #close()} unmounts it and removes the mount point. Mounting needs root (CI runs as root);
 * {@link #assumeRoot()} skips the calling test elsewhere, saying why.
 *
 * <p>Not thread-safe: one test owns an instance.
 */
public final class SmallTmpfs implements AutoCloseable {

    /** Name prefix of the filler files; {@link #entries()} leaves them out. */
    public static final String FILLER = "filler-";
    private static final long PAGE = 4096;

    private final Path mountPoint;
    private int fillers;

    private SmallTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Skips the calling test unless this process runs as root (needed to mount). */
    public static void assumeRoot() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid),
                "mounting a small tmpfs needs root (CI runs as root); this process runs as uid " + uid);
    }

    /**
     * Mounts a tmpfs of {@code bytes} (a multiple of the page size) on a fresh directory.
     *
     * @throws IllegalStateException with mount's output if it fails
     */
    public static SmallTmpfs mount(long bytes) throws IOException {
        assumeRoot();
        Path dir = Files.createTempDirectory("tmpfs-test-");
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs-test", dir.toString());
        return new SmallTmpfs(dir);
    }

    /** @return the mount point */
    public Path path() {
        return mountPoint;
    }

    /** @return bytes free on the tmpfs now */
    public long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Writes filler until exactly {@code bytes} (a multiple of the page size) stay free. */
    public void fillLeaving(long bytes) throws IOException {
        if (bytes % PAGE != 0) {
            throw new IllegalArgumentException(bytes + " is not a multiple of the page size");
        }
        long toFill = free() - bytes;
        if (toFill < 0) {
            throw new IllegalStateException("only " + free() + " bytes free, cannot leave " + bytes);
        }
        Path filler = mountPoint.resolve(FILLER + fillers++);
        try (FileChannel fc = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer chunk = ByteBuffer.allocate((int) PAGE * 16);
            long left = toFill;
            while (left > 0) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                left -= fc.write(chunk);
            }
        }
        if (free() != bytes) {
            throw new IllegalStateException("filled to " + free() + " bytes free, wanted " + bytes);
        }
    }

    /** Writes filler until the tmpfs has no byte left; returns how many bytes that took. */
    public long fillCompletely() throws IOException {
        Path filler = mountPoint.resolve(FILLER + fillers++);
        long written = 0;
        try (FileChannel fc = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate((int) PAGE);
            while (true) {
                page.clear();
                try {
                    written += fc.write(page);
                } catch (IOException full) {
                    break;
                }
            }
        }
        if (free() != 0) {
            throw new IllegalStateException("still " + free() + " bytes free after filling");
        }
        return written;
    }

    /** Deletes the filler files: the space is free again. */
    public void drain() throws IOException {
        for (int i = 0; i < fillers; i++) {
            Files.deleteIfExists(mountPoint.resolve(FILLER + i));
        }
    }

    /** @return names on the tmpfs other than filler files, sorted */
    public List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(mountPoint)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(FILLER)).sorted().toList();
        }
    }

    /** Unmounts (lazily if something still holds it) and removes the mount point. */
    @Override
    public void close() throws IOException {
        try {
            run("umount", mountPoint.toString());
        } catch (IllegalStateException busy) {
            run("umount", "-l", mountPoint.toString());
        }
        Files.deleteIfExists(mountPoint);
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited;
        try {
            exited = p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new java.io.InterruptedIOException(String.join(" ", command) + " interrupted");
        }
        if (!exited) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
        }
    }
}
