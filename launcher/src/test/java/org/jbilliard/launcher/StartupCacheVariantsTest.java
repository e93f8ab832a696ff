package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which start-up cache variants survive when a new one is built. */
class StartupCacheVariantsTest {

    @TempDir
    Path root;

    @Test
    void aVariantBuiltLongAgoButUsedSinceOutlivesNewerUnusedOnes() throws IOException {
        List<Path> variants = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            // variant 0 was built first, variant 11 last
            variants.add(variant("v" + i, now.minus(Duration.ofDays(30 - i))));
        }
        Path usedDaily = variants.get(0);
        StartupCache.markUsed(usedDaily);
        Path current = variant("current", now);

        StartupCache.removeOldVariants(current);

        assertThat(current).isDirectory();
        assertThat(usedDaily).as("the oldest build, used since").isDirectory();
        // 8 kept in all: current, the used one, and the six most recently built of the rest
        for (int i = 1; i < 12; i++) {
            if (i >= 6) {
                assertThat(variants.get(i)).as("variant %d", i).isDirectory();
            } else {
                assertThat(variants.get(i)).as("variant %d", i).doesNotExist();
            }
        }
    }

    @Test
    void marksAVariantOncePerJvm() throws IOException {
        Path variant = variant("once", Instant.now().minus(Duration.ofDays(3)));
        StartupCache.markUsed(variant);
        FileTime marked = Files.getLastModifiedTime(variant);
        assertThat(marked.toInstant()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        FileTime reset = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        Files.setLastModifiedTime(variant, reset);
        StartupCache.markUsed(variant);
        assertThat(Files.getLastModifiedTime(variant)).as("no second touch per JVM").isEqualTo(reset);
    }

    private Path variant(String name, Instant time) throws IOException {
        Path dir = Files.createDirectory(root.resolve(name));
        Files.writeString(dir.resolve("startup.aot"), "cache");
        Files.writeString(dir.resolve("boot.jar"), "jar");
        Files.setLastModifiedTime(dir, FileTime.from(time));
        return dir;
    }
}
