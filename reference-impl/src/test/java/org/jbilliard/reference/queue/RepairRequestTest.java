package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repair request names its requester and is served only while that requester owns the write lock
 * (issue: a requester that died after raising it, its dead lock taken over elsewhere, must not make
 * the next reader "repair" a live writer's stream).
 */
class RepairRequestTest {

    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void aStaleRequestOfADeadRequesterIsWithdrawnWithoutTouchingTheLiveWritersFrame() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadRequester = ProcessIdentity.of((int) gone.pid(), 1);
        try (ChildJvm writer = ChildJvm.start(work, "writer-mid-frame", "produce", "queue", q.address(), "w",
                "1", "200000");
             Arena arena = Arena.ofShared();
             FileChannel fc = FileChannel.open(Path.of(q.address(), QueueFiles.CONTROL), StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            ControlBlock cb = new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0, ControlBlockLayout.SIZE,
                    arena));
            writer.awaitPaused(PAUSE_TIMEOUT);
            long liveWriter = cb.getLong(ControlBlockLayout.WRITE_LOCK_OFFSET);
            assertThat(ProcessIdentity.pid(liveWriter)).isEqualTo((int) writer.pid());
            // What a requester that died right after asking leaves behind.
            cb.setLong(ControlBlockLayout.REPAIR_REQUEST_OFFSET, deadRequester);

            assertThatThrownBy(() -> q.get(Duration.ofMillis(200))).isInstanceOf(Empty.class);

            assertThat(cb.getLong(ControlBlockLayout.REPAIR_REQUEST_OFFSET)).as("stale request withdrawn").isZero();
            long entry = ControlBlockLayout.entry(0);
            assertThat(cb.getInt(entry + ControlBlockLayout.ENTRY_FLAGS)).as("live writer's frame not torn").isZero();
            assertThat(cb.getInt(entry + ControlBlockLayout.ENTRY_LENGTH)).isGreaterThan(200_000);
            assertThat(q.qsize()).isEqualTo(1);
            assertThat(cb.getLong(ControlBlockLayout.WRITE_LOCK_OFFSET)).isEqualTo(liveWriter);
        } finally {
            q.close();
        }
    }
}
