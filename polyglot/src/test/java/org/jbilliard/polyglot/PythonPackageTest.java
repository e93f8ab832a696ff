package org.jbilliard.polyglot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python package on its own: its unit tests ({@code python/tests}, billiard's semantics on a
 * real redis-server, threads, billiard's forked processes), and {@code pip install ./python} from a
 * tree laid out as a fresh clone, which must install the protocol scripts as files.
 */
class PythonPackageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static String run(List<String> command, Path directory, Map<String, String> environment, int seconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Path log = Files.createTempFile("jbilliard-python", ".log");
        try {
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not finish in " + seconds + " s:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s exit status; output:%n%s", command, output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void thePackagesUnitTestsPassOnARealServer() throws Exception {
        Path repository = PythonPeer.repository();
        String output = run(List.of(PythonPeer.PYTHON, "-m", "unittest", "discover", "-v", "-s", "python/tests"),
                repository, Map.of("JBILLIARD_REDIS_URL", REDIS.server().uri(),
                        "PYTHONPATH", repository.resolve("python").toString()), 300);
        assertThat(output).contains("\nOK").doesNotContain("skipped").contains("Ran 11 tests");
    }

    @Test
    void pipInstallsThePackageWithItsScriptsFromAFreshTree(@TempDir Path temp) throws Exception {
        Path repository = PythonPeer.repository();
        // A fresh clone's layout: python/ (with its jbilliard/lua link) and the scripts it points to.
        Path clone = temp.resolve("clone");
        copyTree(repository.resolve("python"), clone.resolve("python"),
                p -> !p.toString().contains("__pycache__") && !p.toString().contains(".egg-info")
                        && !p.getFileName().toString().equals("build"));
        Path lua = Path.of("redis/src/main/resources/org/jbilliard/redis/lua");
        copyTree(repository.resolve(lua), clone.resolve(lua), p -> true);
        assertThat(Files.isSymbolicLink(clone.resolve("python/jbilliard/lua"))).as("python/jbilliard/lua is a link").isTrue();

        Path venv = temp.resolve("venv");
        run(List.of(PythonPeer.PYTHON, "-m", "venv", "--system-site-packages", venv.toString()), temp, Map.of(), 120);
        // The plain command, offline: no index, no configured wheel directory or index, build isolation on
        // (the package's own build backend needs nothing installed).
        run(List.of(venv.resolve("bin/pip").toString(), "install", "--no-index", "--no-cache-dir", "./python"), clone,
                Map.of("PIP_DISABLE_PIP_VERSION_CHECK", "1", "PIP_CONFIG_FILE", "/dev/null", "PIP_FIND_LINKS", "",
                        "PIP_EXTRA_INDEX_URL", "", "PIP_INDEX_URL", ""), 300);
        String check = run(List.of(venv.resolve("bin/python").toString(), "-c",
                "import jbilliard, jbilliard._server as s, os; d = os.path.join(os.path.dirname(jbilliard.__file__), 'lua');"
                        + " print(jbilliard.__file__); print(os.path.islink(d), sorted(os.listdir(d)));"
                        + " print(len(s._load_scripts()))"), temp, Map.of(), 60);
        assertThat(check).contains("site-packages/jbilliard/__init__.py")
                .contains("False ['attach.lua', 'close.lua', 'create.lua', 'get.lua', 'lease.lua', 'put.lua', 'reap.lua',"
                        + " 'task_done.lua']")
                .endsWith("8\n");
        Path installed = Path.of(check.lines().findFirst().orElseThrow()).getParent().resolve("lua/put.lua");
        assertThat(Files.isSymbolicLink(installed)).isFalse();
        assertThat(Files.readString(installed)).isEqualTo(Files.readString(repository.resolve(lua).resolve("put.lua")));
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = new ArrayList<>(walk.filter(include).sorted(Comparator.naturalOrder()).toList());
        }
        for (Path source : paths) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isSymbolicLink(source)) {
                Files.createDirectories(target.getParent());
                Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
