package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jbilliard.launcher.ProcessTesting.CAPTURE;
import static org.jbilliard.launcher.ProcessTesting.bound;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jbilliard.reference.process.ReferenceLaunchSupport;
import org.jbilliard.ProcessOptions;
import org.jbilliard.ProcessOptions.StartupProfile;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process policy a user chooses in {@link ProcessOptions}: the start-up profile decides the
 * child's compiler and collector options, and the start-up cache can be moved or turned off.
 */
class ProcessPolicyTest {

    @TempDir
    Path scratch;

    @Test
    void theDefaultsAreFastStartWithTheCacheOnInTheDefaultDirectory() {
        ProcessOptions defaults = ProcessOptions.defaults();
        assertThat(defaults.startupProfile()).isEqualTo(StartupProfile.FAST_START);
        assertThat(defaults.startupCacheEnabled()).isTrue();
        assertThat(defaults.startupCacheDirectory()).isEmpty();
        assertThat(defaults.withoutStartupCache().startupCacheEnabled()).isFalse();
        assertThat(defaults.withoutStartupCache().withStartupCache(scratch).startupCacheDirectory()).contains(scratch);
        assertThat(defaults.withName("n").withStartupProfile(StartupProfile.PEAK_THROUGHPUT).withDaemon(true)
                .startupProfile()).isEqualTo(StartupProfile.PEAK_THROUGHPUT);
        assertThat(defaults.withoutStartupCache().toString()).contains("startupProfile=FAST_START", "startupCache=off");
        assertThatThrownBy(() -> defaults.withStartupProfile(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> defaults.withStartupCache(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void peakThroughputLeavesCompilerAndCollectorToTheJvmFastStartPicksC1AndSerial() {
        ProcessOptions noCache = ProcessOptions.defaults().withoutStartupCache();
        List<String> fast = ChildCommand.build(noCache, ProcessPolicyTest.class, ReferenceLaunchSupport.INSTANCE);
        assertThat(fast).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED")
                .noneMatch(o -> o.startsWith("-XX:AOTCache="));
        List<String> peak = ChildCommand.build(noCache.withStartupProfile(StartupProfile.PEAK_THROUGHPUT), ProcessPolicyTest.class, ReferenceLaunchSupport.INSTANCE);
        assertThat(peak).contains("--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData")
                .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .noneMatch(o -> o.startsWith("-XX:AOTCache="));
    }

    @Test
    void aPeakThroughputChildRunsWithTheJvmsOwnCompilerAndCollector() throws Exception {
        ReferenceContext context = new ReferenceContext();
        ProcessOptions options = CAPTURE.withStartupProfile(StartupProfile.PEAK_THROUGHPUT).withoutStartupCache();
        try (TaskProcess child = context.process(
                () -> System.out.println("args " + ManagementFactory.getRuntimeMXBean().getInputArguments()), options)) {
            child.start();
            joinBounded(child);
            assertThat(child.exitCode()).as(describe(child)).hasValue(0);
            assertThat(child.capturedStdout()).as(describe(child)).contains("args [")
                    .doesNotContain("TieredStopAtLevel").doesNotContain("UseSerialGC").doesNotContain("AOTCache");
        }
    }

    @Test
    void theCacheIsBuiltInTheChosenDirectoryAndUsedFromThere() throws Exception {
        Path cacheRoot = scratch.resolve("startup-cache");
        ProcessOptions options = ProcessOptions.defaults().withStartupCache(cacheRoot);
        List<String> flags = ChildCommand.startupFlags(List.of(), options.startupProfile());
        // The first lookup starts the build in the background: two short training JVMs.
        await().atMost(bound(Duration.ofMinutes(4))).pollInterval(Duration.ofMillis(200))
                .alias("start-up cache in " + cacheRoot)
                .until(() -> StartupCache.lookup(flags, cacheRoot.toString(), ReferenceLaunchSupport.INSTANCE).isPresent());
        List<String> command = ChildCommand.build(options, ProcessPolicyTest.class, ReferenceLaunchSupport.INSTANCE);
        assertThat(command).anyMatch(o -> o.startsWith("-XX:AOTCache=" + cacheRoot));
        try (Stream<Path> files = Files.walk(cacheRoot)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("startup.aot", "boot.jar");
        }
    }
}
