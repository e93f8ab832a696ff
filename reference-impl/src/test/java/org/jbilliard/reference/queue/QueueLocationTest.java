package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Queue;
import org.jbilliard.reference.codec.StandardCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where queue files live (README "Where queue files live"): on a memory file system where there is
 * one, in the directory {@value QueueFiles#DIRECTORY_PROPERTY} names if it is set, and start-up
 * cleanup looks in every place a queue may have been created.
 */
class QueueLocationTest {

    @TempDir
    Path chosen;

    @AfterEach
    void clear() {
        System.clearProperty(QueueFiles.DIRECTORY_PROPERTY);
    }

    @Test
    void queuesGoToAMemoryFileSystemWhereThereIsOne() throws Exception {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path expected;
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg)) && Files.isWritable(Path.of(xdg))) {
            expected = Path.of(xdg).toAbsolutePath();
        } else if (Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))) {
            expected = Path.of("/dev/shm");
        } else {
            expected = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        }
        assertThat(QueueFiles.root()).isEqualTo(expected);
        try (Queue<Object> q = PipeQueues.create(0, new StandardCodec())) {
            assertThat(Path.of(q.address()).getParent()).isEqualTo(expected);
        }
    }

    @Test
    void thePropertyChoosesTheDirectory() throws Exception {
        System.setProperty(QueueFiles.DIRECTORY_PROPERTY, chosen.toString());
        Queue<Object> q = PipeQueues.create(0, new StandardCodec());
        assertThat(Path.of(q.address()).getParent()).isEqualTo(chosen.toAbsolutePath());
        q.put("x");
        assertThat(q.get(java.time.Duration.ofSeconds(10))).isEqualTo("x");
        q.close();
        q.joinThread();
        try (var left = Files.list(chosen)) {
            assertThat(left.toList()).as("removed at close").isEmpty();
        }
    }

    @Test
    void aPropertyNamingNoDirectoryFailsCreationSayingSo() {
        Path missing = chosen.resolve("missing");
        System.setProperty(QueueFiles.DIRECTORY_PROPERTY, missing.toString());
        assertThatThrownBy(() -> PipeQueues.create(0, new StandardCodec()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(QueueFiles.DIRECTORY_PROPERTY).hasMessageContaining(missing.toString());
    }

    @Test
    void startupCleanupScansEveryPlaceAQueueMayBe() throws Exception {
        long dead = deadPid();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path inTmp = Files.createDirectory(tmp.resolve(QueueFiles.PREFIX + dead + "-test" + System.nanoTime()));
        Path inChosen = Files.createDirectory(chosen.resolve(QueueFiles.PREFIX + dead + "-test" + System.nanoTime()));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 2 * PipeQueues.INCOMPLETE_GRACE_MILLIS);
        Files.setLastModifiedTime(inTmp, old); // past the grace a queue being created is given
        Files.setLastModifiedTime(inChosen, old);
        System.setProperty(QueueFiles.DIRECTORY_PROPERTY, chosen.toString());
        try {
            assertThat(QueueFiles.roots()).contains(tmp.toAbsolutePath(), chosen.toAbsolutePath());
            PipeQueues.removeStale();
            assertThat(inTmp).as("an unfinished queue of a dead creator in java.io.tmpdir").doesNotExist();
            assertThat(inChosen).as("... in the chosen directory").doesNotExist();
        } finally {
            Files.deleteIfExists(inTmp);
            Files.deleteIfExists(inChosen);
        }
    }

    /** The pid of a process that has exited and was reaped. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }
}
