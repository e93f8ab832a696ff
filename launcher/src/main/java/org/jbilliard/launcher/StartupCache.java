package org.jbilliard.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A JDK 25 AOT cache ({@code -XX:AOTCache}) that makes child JVMs start faster, built once per JDK
 * and set of child start-up options and reused by every later child, in every JVM of the user.
 *
 * <p>A cache cannot be dumped from a class path holding directories (as under Surefire), and is
 * only used by a JVM whose class path starts with the one it was dumped with. So the training runs
 * from a small "boot jar" holding copies of the child's launch classes ({@link ChildMain} and the
 * classes it uses, and {@link AotTraining}) and of every other class of jbilliard
 * ({@link OwnClasses}: the api, this launcher and the context's packages), and every child's class path starts with
 * that jar: the cache then holds the child's launch path, jbilliard's queue code, and the JDK part
 * of its start-up (FFM linkage, serialization, invocation infrastructure), which is most of it,
 * whatever the user's class path is. The copies are the bytes of the classes this JVM
 * loaded, so they cannot differ from those on the class path; their hash is part of the cache's
 * identity. The training run is a real child: a {@link ChildMain} given the task of
 * {@link AotTraining}.
 *
 * <p>Location: {@code $XDG_CACHE_HOME/jbilliard/startup} (default {@code ~/.cache/...}) or the
 * directory named by the system property {@code jbilliard.process.startupCache}; the value
 * {@code off} disables the cache. Each variant lives in a subdirectory named by a hash of
 * {@code java.home}, the JVM version, the child options and the training class, holding
 * {@code boot.jar} and {@code startup.aot}; directories are 0700. The first JVM that needs a missing
 * cache builds it in the background (record run, then create run, each a reaped child process;
 * a lock file keeps concurrent JVMs from building it twice) and its children start without it until
 * it is ready. A cache that the JVM rejects (another JDK build, changed options) is ignored by the
 * JVM silently.
 *
 * <p><b>Thread-safety.</b> Thread-safe; each variant is built at most once per JVM, one at a time.
 */
final class StartupCache {

    static final String PROPERTY = "jbilliard.process.startupCache";
    private static final String BOOT_JAR = "boot.jar";
    private static final String CACHE = "startup.aot";
    private static final long STEP_TIMEOUT_SECONDS = 120;
    private static final int KEPT_VARIANTS = 8;

    private static final Object LOCK = new Object();
    private static Thread builder;
    private static final java.util.Set<Path> STARTED = new java.util.HashSet<>();
    private static Process step;
    private static boolean stopping;

    private StartupCache() {
    }

    /**
     * The options that make a child use the cache, if it is ready; otherwise starts building it
     * (once) and returns an empty result.
     *
     * @param childFlags the start-up options every child gets (part of the cache's identity)
     * @return the boot jar to put first on the class path and the cache file, or empty
     */
    static Optional<Ready> lookup(List<String> childFlags) {
        return lookup(childFlags, null, NO_SUPPORT);
    }

    /** A context that contributes nothing to the cache (launcher tests, tools). */
    static final LaunchSupport NO_SUPPORT = task -> LaunchSupport.Pins.NONE;

    /**
     * As {@link #lookup(List)}, in the cache root {@code location}.
     *
     * @param childFlags the start-up options every child gets
     * @param location   the cache root, or {@code null} for the system property's or the default one
     * @param support    the context whose classes and rehearsal the cache holds (part of its identity)
     * @return the boot jar and the cache file, or empty
     */
    static Optional<Ready> lookup(List<String> childFlags, String location, LaunchSupport support) {
        String configured = location != null ? location : System.getProperty(PROPERTY);
        Optional<Path> variant = variantDirectory(childFlags, configured, support);
        if (variant.isEmpty()) {
            return Optional.empty();
        }
        Path jar = variant.get().resolve(BOOT_JAR);
        Path cache = variant.get().resolve(CACHE);
        if (Files.isRegularFile(cache) && Files.isRegularFile(jar)) {
            markUsed(variant.get());
            return Optional.of(new Ready(jar, cache));
        }
        startBuild(variant.get(), childFlags, support);
        return Optional.empty();
    }

    /** The variants this JVM has marked as used: one touch per variant per JVM is enough. */
    private static final java.util.Set<Path> MARKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Records that {@code variant} is in use by setting its directory's modification time, the key
     * {@link #removeOldVariants} keeps variants by: a cache built long ago but used every day outlives
     * one built yesterday and never used again.
     */
    static void markUsed(Path variant) {
        if (MARKED.add(variant)) {
            try {
                Files.setLastModifiedTime(variant, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // best effort: a read-only cache directory is still a usable cache
            }
        }
    }

    /** A usable cache: the jar that must lead the class path, and the cache file. */
    record Ready(Path bootJar, Path cache) {
    }

    /** Per cache root and child flags: hashing the boot classes reads them, so it is done once. */
    private static final Map<List<String>, Optional<Path>> VARIANTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Optional<Path> variantDirectory(List<String> childFlags, String configured,
            LaunchSupport support) {
        if ("off".equals(configured)) {
            return Optional.empty();
        }
        List<String> key = new ArrayList<>(childFlags);
        key.add(String.valueOf(configured));
        key.add(String.valueOf(System.getenv("XDG_CACHE_HOME")));
        key.add(support.getClass().getName());
        return VARIANTS.computeIfAbsent(List.copyOf(key), k -> computeVariantDirectory(childFlags, configured, support));
    }

    private static Optional<Path> computeVariantDirectory(List<String> childFlags, String configured,
            LaunchSupport support) {
        if ("off".equals(configured)) {
            return Optional.empty();
        }
        Path root;
        if (configured != null && !configured.isBlank()) {
            root = Path.of(configured);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            root = base.resolve("jbilliard").resolve("startup");
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + '\n' + System.getProperty("java.vm.version") + '\n'
                    + String.join("\n", childFlags)).getBytes(StandardCharsets.UTF_8));
            for (byte[] bytes : bootClassBytes(support).values()) {
                digest.update(bytes);
            }
            return Optional.of(root.resolve(HexFormat.of().formatHex(digest.digest(), 0, 12)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /**
     * Jar entry name to class file, for every class of {@link AotTraining#bootClasses()} and then
     * every other class of jbilliard ({@link OwnClasses}), each read through the loader that loads it.
     */
    private static Map<String, byte[]> bootClassBytes(LaunchSupport support) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Class<?> type : AotTraining.bootClasses()) {
            String name = type.getName();
            try (InputStream in = type.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
                if (in == null) {
                    throw new IOException("class file of " + name + " not found");
                }
                classes.put(name.replace('.', '/') + ".class", in.readAllBytes());
            }
        }
        for (Map.Entry<String, ClassLoader> own : OwnClasses.entries(support.cachedPackages()).entrySet()) {
            String entry = own.getKey();
            if (!classes.containsKey(entry) && own.getValue() != null) {
                try (InputStream in = own.getValue().getResourceAsStream(entry)) {
                    if (in != null) {
                        classes.put(entry, in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    private static void startBuild(Path variant, List<String> childFlags, LaunchSupport support) {
        synchronized (LOCK) {
            // NOTE: one build at a time, once per variant (a start-up profile or cache directory of
            // its own is another variant); a variant asked for during another's build is started by
            // a later lookup.
            if (stopping || (builder != null && builder.isAlive()) || !STARTED.add(variant)) {
                return;
            }
            builder = new Thread(() -> build(variant, childFlags, support), "jbilliard-startup-cache");
            builder.setDaemon(true);
            builder.start();
        }
    }

    /** Stops a build in progress (at JVM exit): kills and reaps the current step. */
    static void stop() {
        Process current;
        synchronized (LOCK) {
            stopping = true;
            current = step;
        }
        if (current != null) {
            current.destroyForcibly();
            try {
                current.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void build(Path variant, List<String> childFlags, LaunchSupport support) {
        try {
            Files.createDirectories(variant.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (!Files.isDirectory(variant)) {
                Files.createDirectory(variant,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try (FileChannel lockFile = FileChannel.open(variant.resolve("build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.tryLock()) {
                if (lock == null || Files.isRegularFile(variant.resolve(CACHE))) {
                    return; // another JVM is building it, or has just finished
                }
                removeLeftovers(variant);
                buildLocked(variant, childFlags, support);
            }
        } catch (IOException | RuntimeException e) {
            // No cache: children start without it. Nothing else depends on it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void buildLocked(Path variant, List<String> childFlags, LaunchSupport support)
            throws IOException, InterruptedException {
        String tag = Long.toString(ProcessHandle.current().pid());
        Path jar = variant.resolve(BOOT_JAR);
        Path jarTmp = variant.resolve(BOOT_JAR + "." + tag);
        Path configuration = variant.resolve("training." + tag + ".aotconf");
        Path cacheTmp = variant.resolve(CACHE + "." + tag);
        Path scratch = Files.createTempDirectory(variant, "scratch-");
        try {
            writeBootJar(jarTmp, support);
            Files.move(jarTmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            List<String> record = new ArrayList<>();
            record.add(ParentJvm.javaExecutable());
            record.addAll(childFlags);
            record.add("-XX:AOTMode=record");
            record.add("-XX:AOTConfiguration=" + configuration);
            // The training creates a queue; its files go to the scratch directory, deleted below.
            record.add("-Djava.io.tmpdir=" + scratch);
            record.add("-cp");
            record.add(jar.toString());
            record.add(ChildMain.class.getName());
            Path results = Files.createDirectory(scratch.resolve("results"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            LaunchRequest training = new LaunchRequest("TaskProcess-training", results,
                    TaskSerialization.serialize(AotTraining.task(scratch.toString(),
                            support.startupTraining(scratch).orElse(null))), "");
            if (!runStep(record, training)) {
                return;
            }
            List<String> create = new ArrayList<>();
            create.add(ParentJvm.javaExecutable());
            create.addAll(childFlags);
            create.add("-XX:AOTMode=create");
            create.add("-XX:AOTConfiguration=" + configuration);
            create.add("-XX:AOTCache=" + cacheTmp);
            create.add("-cp");
            create.add(jar.toString());
            if (runStep(create, null) && Files.isRegularFile(cacheTmp)) {
                // NOTE: the cache is published last, by rename: a child never maps a partial file.
                Files.move(cacheTmp, variant.resolve(CACHE), StandardCopyOption.ATOMIC_MOVE);
                removeOldVariants(variant);
            }
        } finally {
            Files.deleteIfExists(jarTmp);
            Files.deleteIfExists(configuration);
            Files.deleteIfExists(cacheTmp);
            deleteTree(scratch);
        }
    }

    /**
     * Keeps the {@link #KEPT_VARIANTS} most recently used variants, {@code current} among them (each is
     * about 15 MB; several versions of jbilliard may be in use at once; a variant's directory time is
     * its last build or its last use by a JVM, see {@link #markUsed}): another JDK
     * update or jbilliard version makes the old ones useless. A JVM that still maps a deleted cache is
     * unaffected; one that was about to use it starts without it.
     */
    static void removeOldVariants(Path current) throws IOException {
        List<Path> variants;
        try (var entries = Files.list(current.getParent())) {
            variants = new ArrayList<>(entries.filter(Files::isDirectory).filter(p -> !p.equals(current)).toList());
        }
        variants.sort(java.util.Comparator.comparing(StartupCache::lastModified).reversed());
        for (Path old : variants.subList(Math.min(variants.size(), KEPT_VARIANTS - 1), variants.size())) {
            deleteTree(old);
        }
    }

    private static java.nio.file.attribute.FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** Under the lock: whatever a build killed at its JVM's exit left behind. */
    private static void removeLeftovers(Path variant) throws IOException {
        try (var entries = Files.list(variant)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.startsWith("scratch-") && Files.isDirectory(entry)) {
                    deleteTree(entry);
                } else if (name.startsWith("training.") || name.startsWith(CACHE + ".")
                        || name.startsWith(BOOT_JAR + ".")) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Runs one step to its end; a training step gets its launch request, and stdin open until then. */
    private static boolean runStep(List<String> command, LaunchRequest request) throws IOException, InterruptedException {
        Process process;
        synchronized (LOCK) {
            if (stopping) {
                return false;
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
                    "XDG_RUNTIME_DIR")); // without it, the training's queue files go to its java.io.tmpdir
            process = builder.start();
            step = process;
        }
        try (OutputStream control = process.getOutputStream()) {
            if (request != null) {
                request.writeTo(control);
            }
            if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                return false;
            }
            return process.exitValue() == 0;
        } finally {
            synchronized (LOCK) {
                step = null;
            }
        }
    }

    private static void writeBootJar(Path target, LaunchSupport support) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> type : bootClassBytes(support).entrySet()) {
                JarEntry entry = new JarEntry(type.getKey());
                entry.setTime(0L);
                jar.putNextEntry(entry);
                jar.write(type.getValue());
                jar.closeEntry();
            }
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(bytes.toByteArray());
        }
    }
}
