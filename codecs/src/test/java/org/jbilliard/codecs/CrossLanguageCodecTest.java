package org.jbilliard.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Codec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of the type table, with its edge values, crosses from Java to Python and back: Java
 * encodes, Debian's python3 decodes with the jbilliard package's codecs (cbor2, pickle) and checks
 * what it got, encodes its own value for the row, and Java checks what it gets. Python also checks
 * its refusals. Runs {@code codecs/src/test/python/codec_peer.py}.
 */
class CrossLanguageCodecTest {

    /** {@code JBILLIARD_PYTHON}, else Debian's python3 (which has python3-cbor2). */
    static final String PYTHON = System.getenv().getOrDefault("JBILLIARD_PYTHON", "/usr/bin/python3");

    private static Path repository;

    record Point(int x, String label, List<Double> weights) {
    }

    /** One row: what Java puts, and what Java must get from Python's value for the same row. */
    record Case(String name, Object java, Object fromPython) {
    }

    @BeforeAll
    static void findPython() throws Exception {
        repository = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.isDirectory(repository.resolve("python/jbilliard"))) {
            repository = repository.getParent();
            assertThat(repository).as("no python/jbilliard above the working directory").isNotNull();
        }
        Process probe = new ProcessBuilder(PYTHON, "-c", "import cbor2").redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as("%s cannot import cbor2 (apt-get install python3-cbor2; .ci/run does): %s",
                PYTHON, output).isZero();
    }

    static Object nested(int levels) {
        return CborCodecTest.nested(levels);
    }

    private static List<Case> common() {
        String big = "0123456789abcdef".repeat(6250);
        byte[] blob = new byte[256 * 274];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) i;
        }
        Map<Object, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1);
        ordered.put("a", 2);
        ordered.put(7, "seven");
        ordered.put(-3, new ArrayList<>());
        ordered.put("7", "text");
        Map<Object, Object> longKeys = new LinkedHashMap<>();
        longKeys.put(Long.MIN_VALUE, "min");
        longKeys.put(Long.MAX_VALUE, "max");
        Map<Object, Object> record = new LinkedHashMap<>();
        record.put("x", 1);
        record.put("label", "p");
        record.put("weights", List.of(0.5, 2.0));
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        return List.of(
                new Case("null", null, null),
                new Case("true", true, true),
                new Case("false", false, false),
                new Case("int0", 0, 0),
                new Case("int23", 23, 23),
                new Case("int24", 24L, 24),
                new Case("intMinus1", -1, -1),
                new Case("intMax", Integer.MAX_VALUE, Integer.MAX_VALUE),
                new Case("intMin", Integer.MIN_VALUE, Integer.MIN_VALUE),
                new Case("int2p31", 1L << 31, 1L << 31),
                new Case("longMax", Long.MAX_VALUE, Long.MAX_VALUE),
                new Case("longMin", Long.MIN_VALUE, Long.MIN_VALUE),
                new Case("int2p63", BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(63)),
                new Case("uint64Max", two64.subtract(BigInteger.ONE), two64.subtract(BigInteger.ONE)),
                new Case("int2p64", two64, two64),
                new Case("minus2p64", two64.negate(), two64.negate()),
                new Case("minus2p64minus1", two64.negate().subtract(BigInteger.ONE), two64.negate().subtract(BigInteger.ONE)),
                new Case("ten40", BigInteger.TEN.pow(40), BigInteger.TEN.pow(40)),
                new Case("minusTen40", BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40).negate()),
                new Case("short", (short) 300, 300),
                new Case("float", 1.5, 1.5),
                new Case("negativeZero", -0.0, -0.0),
                new Case("nan", Double.NaN, Double.NaN),
                new Case("infinity", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
                new Case("minusInfinity", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY),
                new Case("tiniest", Double.MIN_VALUE, Double.MIN_VALUE),
                new Case("largest", Double.MAX_VALUE, Double.MAX_VALUE),
                new Case("float32", 1.25f, 1.25),
                new Case("decimalPi", new BigDecimal("3.14159265358979323846264338327950288419716939937510"),
                        new BigDecimal("3.14159265358979323846264338327950288419716939937510")),
                new Case("decimalBig", new BigDecimal("1E+30"), new BigDecimal("1E+30")),
                new Case("decimalSmall", new BigDecimal("-1.25E-9"), new BigDecimal("-1.25E-9")),
                new Case("emptyString", "", ""),
                new Case("accents", "h\u00e9llo w\u00f6rld", "h\u00e9llo w\u00f6rld"),
                new Case("emoji", "emoji \uD83D\uDE00 pair", "emoji \uD83D\uDE00 pair"),
                new Case("nul", "\u0000nul", "\u0000nul"),
                new Case("bigString", big, big),
                new Case("emptyBytes", new byte[0], new byte[0]),
                new Case("bytes", new byte[] {0, -1, 127}, new byte[] {0, -1, 127}),
                new Case("bigBytes", blob, blob),
                new Case("bytearray", "ba".getBytes(StandardCharsets.US_ASCII), "ba".getBytes(StandardCharsets.US_ASCII)),
                new Case("byteBuffer", ByteBuffer.wrap(new byte[] {9, 8, 7}, 1, 2), new byte[] {8, 7}),
                new Case("char", 'c', "c"),
                new Case("list", Arrays.asList(1, "a", null, List.of(2.5)), Arrays.asList(1, "a", null, List.of(2.5))),
                new Case("emptyList", List.of(), List.of()),
                new Case("set", new LinkedHashSet<>(List.of(1, 2, 3)), Set.of(1, 2, 3)),
                new Case("frozenset", Set.of(4), Set.of(4)),
                new Case("orderedMap", ordered, ordered),
                new Case("longKey", longKeys, longKeys),
                new Case("record", new Point(1, "p", List.of(0.5, 2.0)), record),
                new Case("deep250", nested(250), Values.expected(nested(250), Values.Table.CBOR)));
    }

    private static List<Case> cborCases() {
        List<Case> cases = new ArrayList<>(common());
        cases.add(new Case("objectArray", new Object[] {1, null, "x"}, Arrays.asList(1, null, "x")));
        cases.add(new Case("tuple", List.of(1, 2), List.of(1, 2)));
        cases.add(new Case("primitiveArray", new int[] {1, 2, 3}, List.of(1, 2, 3)));
        cases.add(new Case("setOfLists", Set.of(List.of(1, 2)), Set.of(List.of(1, 2))));
        return cases;
    }

    private static List<Case> pickleCases() {
        List<Case> cases = new ArrayList<>(common());
        cases.add(new Case("objectArray", new Object[] {1, null, "x"}, new Object[] {1, null, "x"}));
        cases.add(new Case("tuple", new Object[] {1, 2}, new Object[] {1, 2}));
        cases.add(new Case("primitiveArray", new int[] {1, 2, 3}, List.of(1, 2, 3)));
        cases.add(new Case("loneHigh", "lone \uD800 high", "lone \uD800 high"));
        cases.add(new Case("loneLow", "\uDC00 lone low", "\uDC00 lone low"));
        Map<Object, Object> tupleKey = new LinkedHashMap<>();
        tupleKey.put(new Object[] {1, "t"}, "tuple key");
        tupleKey.put(2.5, null);
        tupleKey.put(null, "none");
        cases.add(new Case("tupleKey", tupleKey, tupleKey));
        // Python's own object: Java sends None; what Python sends is checked below.
        cases.add(new Case("pythonObject", null, null));
        return cases;
    }

    @Test
    void everyRowOfTheTableCrossesBothWaysWithCborAndPickle() throws Exception {
        Map<String, List<Case>> byCodec = new LinkedHashMap<>();
        byCodec.put("cbor", cborCases());
        byCodec.put("pickle", pickleCases());
        Map<String, Codec> codecs = Map.of("cbor", new CborCodec(), "pickle", new PickleCodec());

        StringBuilder input = new StringBuilder();
        for (Map.Entry<String, List<Case>> entry : byCodec.entrySet()) {
            for (Case c : entry.getValue()) {
                input.append(entry.getKey()).append(' ').append(c.name()).append(' ')
                        .append(HexFormat.of().formatHex(codecs.get(entry.getKey()).encode(c.java()))).append('\n');
            }
        }
        List<String> answers = runPeer(input.toString());

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<Case>> entry : byCodec.entrySet()) {
            Codec codec = codecs.get(entry.getKey());
            for (Case c : entry.getValue()) {
                String prefix = entry.getKey() + " " + c.name() + " ";
                String answer = answers.stream().filter(a -> a.startsWith(prefix)).findFirst().orElse(null);
                if (answer == null) {
                    failures.add(prefix + "no answer from Python");
                    continue;
                }
                if (!answer.startsWith(prefix + "OK ")) {
                    failures.add("Java -> Python: " + answer);
                    continue;
                }
                byte[] bytes = HexFormat.of().parseHex(answer.substring((prefix + "OK ").length()));
                Object got = codec.decode(bytes, 0, bytes.length);
                if (c.name().equals("pythonObject")) {
                    Map<?, ?> object = (Map<?, ?>) got;
                    if (!"__main__.Point".equals(object.get("__class__")) || !Integer.valueOf(3).equals(object.get("x"))
                            || !"obj".equals(object.get("label"))) {
                        failures.add("Python -> Java: " + prefix + "a Python object became " + object);
                    }
                } else if (!Values.same(got, c.fromPython())) {
                    failures.add("Python -> Java: " + prefix + "got " + abbreviate(Values.show(got)) + ", expected "
                            + abbreviate(Values.show(c.fromPython())));
                }
                checked++;
            }
        }
        List<String> refusals = answers.stream().filter(a -> a.startsWith("REFUSED ") || a.startsWith("FAIL ")).toList();
        refusals.stream().filter(a -> a.startsWith("FAIL ")).forEach(a -> failures.add("Python refusal: " + a));
        assertThat(failures).as("rows that did not cross as the table says").isEmpty();
        assertThat(checked).isEqualTo(byCodec.values().stream().mapToInt(List::size).sum());
        assertThat(refusals).as("Python's refusals").hasSize(13).allMatch(a -> a.startsWith("REFUSED "));
    }

    private static String abbreviate(String text) {
        return text.length() < 300 ? text : text.substring(0, 300) + "...";
    }

    private static List<String> runPeer(String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PYTHON,
                repository.resolve("codecs/src/test/python/codec_peer.py").toString());
        builder.environment().put("PYTHONPATH", repository.resolve("python").toString());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        try {
            CompletableFuture<byte[]> stdout = read(process.getInputStream());
            CompletableFuture<byte[]> stderr = read(process.getErrorStream());
            // Written on a thread too, so that a peer that stops reading cannot block the test past its bound.
            Thread feeder = new Thread(() -> {
                try (Writer writer = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII)) {
                    writer.write(input);
                } catch (IOException e) {
                    // The peer died: its exit status and stderr below say why.
                }
            }, "python-peer-input");
            feeder.setDaemon(true);
            feeder.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("python peer finished").isTrue();
            String errors = new String(stderr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("python peer exit status; stderr:%n%s", errors).isZero();
            return new String(stdout.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).lines().toList();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Drains a pipe on a thread of its own (the common pool may have a single worker for both pipes). */
    private static CompletableFuture<byte[]> read(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = stream; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                result.complete(out.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "python-peer-pipe");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
