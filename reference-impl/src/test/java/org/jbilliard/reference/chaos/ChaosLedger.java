package org.jbilliard.reference.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Judges a chaos run from the participants' logs: what was put, what was got, and by whom.
 *
 * <p>An item is <em>lost</em> if a producer logged its {@code put} as returned and no consumer logged
 * getting it. A loss is <em>attributable</em> if a killed process may have held the item: its producer
 * incarnation was killed (the item may still have been in the feeder's buffer, BEHAVIOUR row 21), or
 * a consumer was killed (it may have been between {@code get} and its log line — at most one item per
 * consumer kill, since a consumer has one {@code get} in flight at a time).
 */
final class ChaosLedger {

    int putLogged;
    int delivered;
    int duplicated;
    int corrupted;
    int lost;
    int lostAttributable;
    long maxEmptyOverrunMicros;
    /** Every bounded call the participants logged. */
    final BoundedCallStats calls = new BoundedCallStats();
    int joinableDelivered;
    final List<String> problems = new java.util.ArrayList<>();

    static ChaosLedger judge(Path logs, Set<String> startedIncarnations, Set<String> killedProducerIncarnations,
                             int consumerKills, long slackMicros) throws IOException {
        return judge(logs, startedIncarnations, killedProducerIncarnations, consumerKills, slackMicros, Map.of(),
                Map.of());
    }

    /**
     * Judges the logs in {@code logs}.
     *
     * @param stopWindows per log file name, the {@code System.nanoTime()} intervals during which the
     *                    runner had that process stopped: its own calls overlapping one are not
     *                    judged against their deadline
     * @param killTimes   per log file name, the {@code System.nanoTime()} at which that process was
     *                    sent SIGKILL: a late call names the kills shortly before or during it
     */
    static ChaosLedger judge(Path logs, Set<String> startedIncarnations, Set<String> killedProducerIncarnations,
                             int consumerKills, long slackMicros, Map<String, List<long[]>> stopWindows,
                             Map<String, Long> killTimes) throws IOException {
        ChaosLedger ledger = new ChaosLedger();
        Set<String> puts = new HashSet<>();
        Map<String, Integer> gets = new HashMap<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = file.getFileName().toString();
                List<long[]> stops = stopWindows.getOrDefault(name, List.of());
                Set<String> opsSeen = new HashSet<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (name.startsWith("producer-") && line.startsWith("put ")) {
                        puts.add(line.substring(4));
                    } else if (name.startsWith("consumer-")) {
                        ledger.consumerLine(name, line, gets, startedIncarnations);
                    }
                    ledger.callLine(name, line, stops, stopWindows, killTimes, opsSeen, slackMicros);
                }
            }
        }
        ledger.putLogged = puts.size();
        int lostFromKilledProducers = 0;
        int lostOther = 0;
        for (String key : puts) {
            if (!gets.containsKey(key)) {
                ledger.lost++;
                if (killedProducerIncarnations.contains(incarnationOf(key))) {
                    lostFromKilledProducers++;
                } else {
                    lostOther++;
                    if (lostOther > consumerKills) {
                        ledger.problems.add("lost without a killed holder: " + key);
                    }
                }
            }
        }
        ledger.lostAttributable = lostFromKilledProducers + Math.min(lostOther, consumerKills);
        return ledger;
    }

    private void consumerLine(String file, String line, Map<String, Integer> gets, Set<String> started) {
        if (line.startsWith("got ")) {
            String[] parts = line.split(" ");
            String key = parts[1];
            delivered++;
            if (parts.length > 2 && parts[2].equals("j")) {
                joinableDelivered++;
            }
            if (gets.merge(key, 1, Integer::sum) == 2) {
                duplicated++;
                problems.add("delivered twice: " + key);
            }
            if (!started.contains(incarnationOf(key))) {
                corrupted++;
                problems.add(file + ": item from a producer that never ran: " + key);
            }
        } else if (line.startsWith("corrupt")) {
            corrupted++;
            problems.add(file + ": " + line);
        }
    }

    /**
     * Judges the timing of a bounded call: a {@code call <op> <timeout µs> <start> <elapsed µs>
     * <outcome>} line, or a {@code got <key> q|j <op> <timeout µs> <start> <elapsed µs>} line. Calls
     * made while the caller itself was stopped, and each process's first call of each kind, are
     * counted apart instead.
     */
    private void callLine(String file, String line, List<long[]> stops, Map<String, List<long[]>> allStops,
                          Map<String, Long> killTimes, Set<String> opsSeen, long slackMicros) {
        String[] parts = line.split(" ");
        int at;
        if (line.startsWith("call ") && parts.length >= 6) {
            at = 1;
        } else if (line.startsWith("got ") && parts.length >= 7) {
            at = 3;
        } else {
            return;
        }
        String op = parts[at];
        long timeoutMicros = Long.parseLong(parts[at + 1]);
        long start = Long.parseLong(parts[at + 2]);
        long elapsedMicros = Long.parseLong(parts[at + 3]);
        long end = start + elapsedMicros * 1_000;
        for (long[] window : stops) {
            if (start <= window[1] && end >= window[0]) {
                calls.inOwnStop++;
                return;
            }
        }
        if (opsSeen.add(op)) {
            // NOTE: a fresh process's first call of each kind loads classes (and the first put starts
            // the feeder thread): start-up cost, counted apart.
            calls.firstOfKind++;
            return;
        }
        long overrun = elapsedMicros - timeoutMicros;
        calls.add(op, overrun);
        if (line.startsWith("call ") && parts[5].equals("empty")) {
            maxEmptyOverrunMicros = Math.max(maxEmptyOverrunMicros, overrun);
        }
        if (overrun > slackMicros) {
            calls.late++;
            problems.add(file + ": " + op + "(" + timeoutMicros / 1000 + " ms) returned " + overrun / 1000
                    + " ms after its timeout (" + (at == 1 ? parts[5] : "item") + "; " + eventsDuring(start, end, allStops, killTimes)
                    + ")");
        }
    }

    /**
     * Which participants the run had stopped while a call ran, and which it killed up to a second
     * before or while it ran: a clue to what the call waited for.
     */
    private static String eventsDuring(long start, long end, Map<String, List<long[]>> allStops,
                                       Map<String, Long> killTimes) {
        List<String> events = new java.util.ArrayList<>();
        allStops.forEach((file, windows) -> {
            for (long[] w : windows) {
                if (start <= w[1] && end >= w[0]) {
                    events.add(file.replace(".log", "") + " stopped " + (w[1] - w[0]) / 1_000_000 + " ms");
                }
            }
        });
        killTimes.forEach((file, at) -> {
            if (at >= start - 1_000_000_000L && at <= end) {
                long ms = Math.abs(at - start) / 1_000_000;
                events.add(file.replace(".log", "") + " killed " + ms + (at < start ? " ms before the call" : " ms into it"));
            }
        });
        return events.isEmpty() ? "no participant stopped or killed meanwhile" : "meanwhile " + String.join(", ", events);
    }

    private static String incarnationOf(String key) {
        return key.substring(0, key.lastIndexOf('/'));
    }
}
