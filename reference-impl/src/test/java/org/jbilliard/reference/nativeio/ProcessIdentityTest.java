package org.jbilliard.reference.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jbilliard.reference.nativeio.ProcessIdentity.Liveness;
import org.junit.jupiter.api.Test;

/**
 * Liveness on positive evidence (see {@link ProcessIdentity}). The descriptor-starved case runs in a
 * child JVM: {@code org.jbilliard.reference.queue.DescriptorStarvedParticipantTest}.
 */
class ProcessIdentityTest {

    @Test
    void thisProcessIsAliveAndItsIdentityIsStable() {
        long self = ProcessIdentity.self();
        assertThat(ProcessIdentity.self()).isEqualTo(self);
        assertThat(ProcessIdentity.liveness(self)).isEqualTo(Liveness.ALIVE);
        assertThat(ProcessIdentity.pidLiveness(ProcessIdentity.pid(self))).isEqualTo(Liveness.ALIVE);
    }

    @Test
    void aReapedProcessIsDeadByKillAloneAndNobodyIsDead() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessIdentity.pidLiveness((int) p.pid())).isEqualTo(Liveness.DEAD);
        assertThat(ProcessIdentity.liveness(ProcessIdentity.of((int) p.pid(), 1))).isEqualTo(Liveness.DEAD);
        assertThat(ProcessIdentity.liveness(0)).isEqualTo(Liveness.DEAD);
        assertThat(ProcessIdentity.isAlive(0)).isFalse();
    }

    @Test
    void aZombieIsDeadAlthoughKillStillFindsItsPid() throws Exception {
        // The forked child exits at once; its parent never waits for it: a zombie until the parent dies.
        Process parent = new ProcessBuilder("/usr/bin/python3", "-c",
                "import os, time\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nprint(pid, flush=True)\ntime.sleep(60)")
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.US_ASCII))) {
            int zombie = Integer.parseInt(out.readLine().trim());
            Path stat = Path.of("/proc", Integer.toString(zombie), "stat");
            await("the orphaned child turning zombie").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(stat).contains(") Z "));
            String line = Files.readString(stat);
            long start = Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[22 - 3]);
            assertThat(ProcessIdentity.pidLiveness(zombie)).as("kill(pid, 0) finds a zombie").isEqualTo(Liveness.ALIVE);
            assertThat(ProcessIdentity.liveness(ProcessIdentity.of(zombie, start))).isEqualTo(Liveness.DEAD);
        } finally {
            parent.destroyForcibly();
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRecycledPidIsDeadForTheOldIdentity() {
        long self = ProcessIdentity.self();
        long impostor = ProcessIdentity.of(ProcessIdentity.pid(self), (self >>> 32) + 1);
        assertThat(ProcessIdentity.liveness(impostor)).isEqualTo(Liveness.DEAD);
    }

    @Test
    void killNeverAddressesAProcessGroup() {
        assertThatThrownBy(() -> LibC.kill(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LibC.kill(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProcessIdentity.pidLiveness(0)).isEqualTo(Liveness.DEAD);
    }

    @Test
    void theScopeNamesThisNamespaceAndBoot() throws Exception {
        IdentityScope scope = IdentityScope.current();
        assertThat(scope.namespaceName()).isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        assertThat(scope.bootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim());
        assertThat(IdentityScope.parseNamespace("pid:[4026531836]")).isEqualTo(4026531836L);
        assertThat(IdentityScope.parseNamespace("net:[1]")).isEqualTo(-1);
    }
}
