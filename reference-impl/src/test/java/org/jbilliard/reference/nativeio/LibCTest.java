package org.jbilliard.reference.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibCTest {

    @TempDir
    Path dir;
    private int fd = -1;

    @BeforeEach
    void openFifo() {
        Path fifo = dir.resolve("fifo");
        LibC.mkfifo(fifo.toString(), 0600);
        fd = LibC.open(fifo.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
    }

    @AfterEach
    void closeFifo() {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }

    @Test
    void bytesWrittenToTheFifoAreCountedByFionreadAndReadBackExactly() {
        byte[] data = "hello, pipe".getBytes(StandardCharsets.US_ASCII);
        assertThat(LibC.write(fd, MemorySegment.ofArray(data), 0, data.length)).isEqualTo(data.length);
        assertThat(LibC.fionread(fd)).isEqualTo(data.length);
        byte[] back = new byte[64];
        assertThat(LibC.read(fd, MemorySegment.ofArray(back), 3, 5)).isEqualTo(5);
        assertThat(new String(back, 3, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(LibC.fionread(fd)).isEqualTo(data.length - 5);
    }

    @Test
    void readingAnEmptyNonBlockingFifoReportsEagainAndPollTimesOut() {
        byte[] buf = new byte[8];
        assertThat(LibC.read(fd, MemorySegment.ofArray(buf), 0, 8)).isEqualTo(-LibC.EAGAIN);
        long start = System.nanoTime();
        assertThat(LibC.poll(fd, LibC.POLLIN, 20)).isZero();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(15));
        assertThat(LibC.poll(fd, LibC.POLLOUT, 0) & LibC.POLLOUT).isEqualTo(LibC.POLLOUT);
    }

    @Test
    void thePipeCanBeEnlargedToOneMebibyte() {
        LibC.fcntl(fd, LibC.F_SETPIPE_SZ, 1 << 20);
        assertThat(LibC.fcntl(fd, LibC.F_GETPIPE_SZ, 0)).isGreaterThanOrEqualTo(1 << 20);
    }

    @Test
    void openingAMissingFileReportsEnoent() {
        assertThatThrownBy(() -> LibC.open(dir.resolve("missing").toString(), LibC.O_RDWR, 0))
                .isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(LibC.ENOENT))
                .hasMessageContaining("missing").hasMessageContaining("ENOENT");
    }

    @Test
    void futexWaitReturnsAtOnceOnAChangedWordAndTimesOutOnAnUnchangedOne() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment word = arena.allocate(ValueLayout.JAVA_INT);
            word.set(ValueLayout.JAVA_INT, 0, 7);
            assertThat(LibC.futexWait(word.address(), 8, 1_000_000_000L)).isEqualTo(-LibC.EAGAIN);
            long start = System.nanoTime();
            assertThat(LibC.futexWait(word.address(), 7, 10_000_000L)).isEqualTo(-LibC.ETIMEDOUT);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(9_000_000L);
        }
    }

    @Test
    void futexWakeEndsAWait() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment word = arena.allocate(ValueLayout.JAVA_INT);
            CountDownLatch waiting = new CountDownLatch(1);
            AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
            Thread waiter = Thread.ofPlatform().start(() -> {
                waiting.countDown();
                int rc;
                do {
                    rc = LibC.futexWait(word.address(), 0, 5_000_000_000L);
                } while (rc == -LibC.EINTR);
                result.set(rc);
            });
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (waiter.isAlive() && System.nanoTime() < deadline) {
                LibC.futexWake(word.address(), 1);
                waiter.join(10);
            }
            assertThat(waiter.isAlive()).isFalse();
            assertThat(result.get()).isZero();
        }
    }

    @Test
    void thisProcessIsAliveAndAFinishedOrImpostorProcessIsNot() throws Exception {
        long self = ProcessIdentity.self();
        assertThat(ProcessIdentity.pid(self)).isEqualTo((int) ProcessHandle.current().pid());
        assertThat(ProcessIdentity.isAlive(self)).isTrue();
        long impostor = ProcessIdentity.of(ProcessIdentity.pid(self), (self >>> 32) + 1);
        assertThat(ProcessIdentity.isAlive(impostor)).isFalse();
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessIdentity.isAlive(ProcessIdentity.of((int) p.pid(), 0))).isFalse();
        assertThat(ProcessIdentity.isAlive(0)).isFalse();
    }

    @Test
    void theFutexSystemCallNumberIsThatOfTheArchitectureAndAnUnknownOneIsRefusedClearly() {
        assertThat(LibC.futexSystemCall("Linux", "amd64")).isEqualTo(202);
        assertThat(LibC.futexSystemCall("Linux", "aarch64")).isEqualTo(98);
        assertThat(LibC.futexSystemCall("Linux", "riscv64")).isEqualTo(98);
        assertThatThrownBy(() -> LibC.futexSystemCall("Linux", "sparcv9"))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining("sparcv9").hasMessageContaining("amd64, aarch64");
        assertThatThrownBy(() -> LibC.futexSystemCall("Mac OS X", "aarch64"))
                .isInstanceOf(UnsatisfiedLinkError.class).hasMessageContaining("need Linux");
    }

    @Test
    void readAndWriteWorkOnHeapArraysAndOnNativeMemoryAlike() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeOut = arena.allocate(5);
            nativeOut.copyFrom(MemorySegment.ofArray(new byte[] {1, 2, 3, 4, 5}));
            assertThat(LibC.write(fd, nativeOut, 0, 5)).isEqualTo(5);
            assertThat(LibC.write(fd, MemorySegment.ofArray(new byte[] {6, 7}), 0, 2)).isEqualTo(2);
            byte[] heapIn = new byte[3];
            assertThat(LibC.read(fd, MemorySegment.ofArray(heapIn), 0, 3)).isEqualTo(3);
            MemorySegment nativeIn = arena.allocate(8);
            assertThat(LibC.read(fd, nativeIn, 1, 4)).isEqualTo(4);
            assertThat(heapIn).containsExactly(1, 2, 3);
            assertThat(nativeIn.asSlice(1, 4).toArray(ValueLayout.JAVA_BYTE)).containsExactly(4, 5, 6, 7);
        }
    }
}
