package org.jbilliard.reference.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jbilliard.reference.nativeio.ErrnoException;
import org.jbilliard.reference.nativeio.LibC;

/**
 * The overflow stage: the file {@code overflow} in the queue's directory, holding the part already
 * read of the one frame that is longer than the read stage ({@code private} = 2 in the reader
 * state: its stream range {@code [start of frame rSeq, rPos)} lives at file offset
 * {@code 0 .. rPos - start}). Being shared like the stage, such a frame survives a reader that is
 * killed or gives up at its deadline: the next read lock holder, in any process, continues it.
 *
 * <p><b>Implementation note.</b> Only the read lock holder touches the file and its contents; the
 * read lock guards the file's size and bytes together with the reader state of the control block.
 * The file's space is reserved ({@code posix_fallocate}) before any byte is read into it, so its
 * mapping cannot fault for want of space; if the space cannot be reserved the reader falls back to
 * private memory ({@code private} = 1, the frame is then lost with its reader). Each process keeps
 * its own mapping and maps again whenever the file's size changed (a holder in another process
 * grew or shrank it), checked under the read lock before every use.
 *
 * <p><b>Thread-safety.</b> Not thread-safe on its own: used only by the thread holding the read lock.
 */
final class OverflowStage {

    /** A finished frame's file is shrunk back when it was larger than this, to give the memory back. */
    private static final long KEEP_BYTES = 16L << 20;

    private final Path file;
    private Arena arena;
    private MemorySegment mapping;
    private long mappedSize;

    OverflowStage(Path dir) {
        this.file = dir.resolve(QueueFiles.OVERFLOW);
    }

    /**
     * Reserves space for a frame of {@code length} bytes.
     *
     * @return the mapping (at least {@code length} bytes), or {@code null} if the file system has no
     *         room for it (the caller then reads the frame into private memory)
     */
    MemorySegment reserve(long length) {
        int fd;
        try {
            fd = LibC.open(file.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0600);
        } catch (ErrnoException e) {
            return null;
        }
        try {
            if (LibC.posixFallocate(fd, 0, length) != 0) {
                return null;
            }
        } finally {
            LibC.close(fd);
        }
        return mapping(length);
    }

    /**
     * The mapping of the file, which a read lock holder sized for a frame of {@code length} bytes.
     *
     * @throws IllegalStateException if the file is shorter (changed outside the protocol)
     */
    MemorySegment mapping(long length) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("overflow stage " + file + " is unreadable", e);
        }
        if (size < length) {
            throw new IllegalStateException("overflow stage " + file + " has " + size + " bytes, a frame of "
                    + length + " needs it: changed outside the queue");
        }
        if (mapping == null || mappedSize != size) {
            unmap();
            Arena a = Arena.ofShared();
            try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                mapping = fc.map(FileChannel.MapMode.READ_WRITE, 0, size, a);
            } catch (IOException e) {
                a.close();
                throw new UncheckedIOException("cannot map the overflow stage " + file, e);
            }
            arena = a;
            mappedSize = size;
        }
        return mapping;
    }

    /** The frame it held is consumed: gives a large file's memory back. Read lock held. */
    void finished() {
        if (mappedSize > KEEP_BYTES) {
            unmap();
            try (FileChannel fc = FileChannel.open(file, StandardOpenOption.WRITE)) {
                fc.truncate(0);
            } catch (IOException e) {
                // keeps its memory until the queue is deleted; nothing else depends on it
            }
        }
    }

    /** Unmaps this process's view (at release). */
    void unmap() {
        if (arena != null) {
            arena.close();
            arena = null;
            mapping = null;
            mappedSize = 0;
        }
    }
}
