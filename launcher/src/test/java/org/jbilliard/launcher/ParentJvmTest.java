package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParentJvmTest {

    @Test
    void keepsPropertiesModuleSwitchesAndAssertionsButNotAgentsOrVmTuning() {
        List<String> kept = ParentJvm.filter(List.of(
                "-Dapp.mode=test", "-Djava.class.path=/x", "-Dsun.java.command=Main",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--enable-preview", "-ea", "-da:com.example...",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005", "-javaagent:/jacoco.jar",
                "-Xdebug", "-Xrunjdwp:transport=dt_socket", "-XX:+UseG1GC", "-Xmx4g",
                "-XX:AOTCache=/parent.aot"));
        assertThat(kept).containsExactly(
                "-Dapp.mode=test",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--enable-preview", "-ea", "-da:com.example...");
    }

    @Test
    void inheritedOptionsCarryTheCurrentJbilliardPropertiesAndTmpdir() {
        System.setProperty("jbilliard.test.inherited", "v1");
        try {
            assertThat(ParentJvm.inheritedOptions())
                    .contains("-Djbilliard.test.inherited=v1",
                            "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        } finally {
            System.clearProperty("jbilliard.test.inherited");
        }
    }

    @Test
    void classPathNamesTheTaskClassAndJbilliard() {
        List<String> entries = List.of(ParentJvm.classPath(ParentJvmTest.class).split(File.pathSeparator));
        assertThat(entries).isNotEmpty().doesNotHaveDuplicates();
        assertThat(String.join(File.pathSeparator, entries)).contains("test-classes").contains("classes");
    }

    @Test
    void childCommandPutsUserOptionsLastAndSkipsSerialGcWhenTheUserPicksACollector() {
        String previous = System.setProperty(StartupCache.PROPERTY, "off"); // don't build caches for these variants
        try {
            checkChildCommands();
        } finally {
            if (previous == null) {
                System.clearProperty(StartupCache.PROPERTY);
            } else {
                System.setProperty(StartupCache.PROPERTY, previous);
            }
        }
    }

    private static void checkChildCommands() {
        List<String> plain = ChildCommand.build(List.of("-Xmx64m"), ParentJvmTest.class);
        assertThat(plain.get(0)).endsWith("java");
        assertThat(plain).contains("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:-UsePerfData");
        assertThat(plain.subList(plain.size() - 4, plain.size())).first().isEqualTo("-Xmx64m");
        assertThat(plain.get(plain.size() - 1)).isEqualTo(ChildMain.class.getName());
        assertThat(plain).noneMatch(o -> o.contains("jdwp"));

        List<String> g1 = ChildCommand.build(List.of("-XX:+UseG1GC"), ParentJvmTest.class);
        assertThat(g1).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
    }
}
