package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.IdentityScope;
import org.junit.jupiter.api.Test;

/**
 * One queue, one PID namespace: a control block that records another namespace (as one created in
 * a container sharing this directory would) is refused at attach with the reason, and start-up
 * cleanup leaves it alone even though none of its recorded identities is alive here.
 */
class ForeignScopeQueueTest {

    @Test
    void aQueueOfAnotherPidNamespaceIsRefusedAtAttachAndLeftUntouchedByCleanup() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        Path dir = Path.of(q.address());
        IdentityScope mine = IdentityScope.current();
        long foreignNs = mine.pidNamespace() + 1;
        try {
            q.put("kept");
            try (Arena arena = Arena.ofConfined();
                 FileChannel fc = FileChannel.open(dir.resolve(QueueFiles.CONTROL), StandardOpenOption.READ,
                         StandardOpenOption.WRITE)) {
                ControlBlock cb = new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0,
                        ControlBlockLayout.SIZE, arena));
                cb.setLong(ControlBlockLayout.PID_NAMESPACE_OFFSET, foreignNs);
                // every slot now names a process nobody here could judge: a dead one, as seen from here
                cb.setLong(ControlBlockLayout.slot(0) + ControlBlockLayout.SLOT_IDENTITY, 1L << 32 | 0x7FFF_FFF0L);
                assertThatThrownBy(() -> PipeQueues.attach(q.address()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("refusing queue at " + q.address())
                        .hasMessageContaining("pid:[" + foreignNs + "]")
                        .hasMessageContaining(mine.namespaceName())
                        .hasMessageContaining("must share a PID namespace");
                PipeQueues.removeStale();
                assertThat(dir).as("a queue of another namespace is not ours to judge").isDirectory();
                assertThat(dir.resolve(QueueFiles.CONTROL)).exists();
                // restore it so that the creator can use and close it
                cb.setLong(ControlBlockLayout.PID_NAMESPACE_OFFSET, mine.pidNamespace());
                cb.setLong(ControlBlockLayout.slot(0) + ControlBlockLayout.SLOT_IDENTITY,
                        org.jbilliard.reference.nativeio.ProcessIdentity.self());
            }
            assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("kept");
        } finally {
            q.close();
        }
        // NOTE: close() hands the release to the feeder thread when it still runs; the files go when
        // the last handle is released, which the creator's is.
        await("the creator's close removes the queue").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(() -> !java.nio.file.Files.exists(dir));
    }
}
