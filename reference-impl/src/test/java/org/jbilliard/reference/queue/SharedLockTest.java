package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jbilliard.reference.nativeio.ProcessIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedLockTest {

    private static final long LOCK = ControlBlockLayout.READ_LOCK_OFFSET;
    private final Arena arena = Arena.ofShared();
    private final ControlBlock cb = new ControlBlock(arena.allocate(1024, 64));
    private final long me = ProcessIdentity.self();

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void aFreeLockIsAcquiredAndReleased() throws Exception {
        assertThat(SharedLock.lock(cb, LOCK, me, SharedLock.NO_DEADLINE, () -> { })).isEqualTo(SharedLock.ACQUIRED);
        assertThat(SharedLock.owner(cb, LOCK)).isEqualTo(me);
        assertThat(SharedLock.tryLock(cb, LOCK, me)).isEqualTo(SharedLock.TIMED_OUT);
        SharedLock.unlock(cb, LOCK);
        assertThat(SharedLock.owner(cb, LOCK)).isZero();
        assertThat(SharedLock.tryLock(cb, LOCK, me)).isEqualTo(SharedLock.ACQUIRED);
    }

    @Test
    void aLockHeldByADeadProcessIsTakenOverAndTheTakerIsTold() throws Exception {
        long dead = deadIdentity();
        cb.setLong(LOCK, dead);
        long start = System.nanoTime();
        assertThat(SharedLock.lock(cb, LOCK, me, SharedLock.NO_DEADLINE, () -> { })).isEqualTo(SharedLock.OWNER_DIED);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(SharedLock.owner(cb, LOCK)).isEqualTo(me);
        cb.setLong(LOCK, dead);
        assertThat(SharedLock.tryLock(cb, LOCK, me)).isEqualTo(SharedLock.OWNER_DIED);
    }

    @Test
    void waitingForALiveHolderEndsAtTheDeadline() throws Exception {
        long other = ProcessIdentity.of((int) ProcessHandle.current().pid(), ProcessIdentity.self() >>> 32);
        cb.setLong(LOCK, other);
        long start = System.nanoTime();
        assertThat(SharedLock.lock(cb, LOCK, me + (1L << 40), start + 50_000_000L, () -> { }))
                .isEqualTo(SharedLock.TIMED_OUT);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(45_000_000L);
    }

    @Test
    void theCheckpointAbandonsTheWait() {
        cb.setLong(LOCK, me);
        assertThatThrownBy(() -> SharedLock.lock(cb, LOCK, me, SharedLock.NO_DEADLINE, () -> {
            throw new InterruptedException("stop");
        })).isInstanceOf(InterruptedException.class);
        assertThat(SharedLock.owner(cb, LOCK)).isEqualTo(me);
    }

    @Test
    void threadsExcludeEachOther() throws Exception {
        MemorySegment counter = arena.allocate(8, 8);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        SharedLock.lock(cb, LOCK, me, SharedLock.NO_DEADLINE, () -> { });
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    long v = counter.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);
                    counter.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, v + 1);
                    SharedLock.unlock(cb, LOCK);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(counter.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0)).isEqualTo(80_000L);
    }

    static long deadIdentity() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return ProcessIdentity.of((int) p.pid(), 1);
    }
}
