package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StaleFilesTest {

    @Test
    void removesResultDirectoriesOfDeadParentsOnlyAndKeepsThoseOfLiveOnes() throws Exception {
        long deadPid = deadProcessId();
        Path stale = Files.createTempDirectory(ResultDirectory.base(), ResultDirectory.prefix(deadPid),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(stale.resolve("shutdown"), "exit");
        Path live = Files.createTempDirectory(ResultDirectory.base(),
                ResultDirectory.prefix(ProcessHandle.current().pid()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            StaleFiles.remove();
            assertThat(stale).doesNotExist();
            assertThat(live).exists();
        } finally {
            new ResultDirectory(stale).deleteQuietly();
            new ResultDirectory(live).deleteQuietly();
        }
    }

    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }
}
