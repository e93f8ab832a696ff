package org.jbilliard.reference.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a chaos run, written as {@code target/chaos/report.json}: what was sent (kills,
 * stops), what arrived, and how far past its timeout every bounded call returned.
 *
 * <p>Not thread-safe: filled by one runner.
 */
final class ChaosReport {

    final long seed;
    int kills;
    int stops;
    int producerKills;
    int consumerKills;
    int hangs;
    int corrupted;
    int duplicated;
    int lost;
    int lostAttributable;
    int putLogged;
    int delivered;
    /** Bounded calls that returned later than their timeout plus the allowance (also counted in hangs). */
    int lateCalls;
    long maxEmptyOverrunMicros;
    long stopMillis;
    /** How far past its timeout a bounded call may return before it counts as late. */
    long slackMillis;
    BoundedCallStats calls = new BoundedCallStats();
    int qsizeAfter = -1;
    boolean emptyAfter;
    boolean fullAfter;
    boolean joinAfter;
    /** {@code /proc/loadavg}'s first three fields at the start and at the end of the run. */
    String loadBefore = "";
    String loadAfter = "";
    String billiard = "null";
    final List<String> problems = new ArrayList<>();

    ChaosReport(long seed) {
        this.seed = seed;
    }

    void take(ChaosLedger ledger) {
        corrupted = ledger.corrupted;
        duplicated = ledger.duplicated;
        lost = ledger.lost;
        lostAttributable = ledger.lostAttributable;
        putLogged = ledger.putLogged;
        delivered = ledger.delivered;
        calls = ledger.calls;
        lateCalls = ledger.calls.late;
        hangs += lateCalls;
        maxEmptyOverrunMicros = ledger.maxEmptyOverrunMicros;
        problems.addAll(ledger.problems);
    }

    /** Whether the run met every promise: no hang, nothing corrupted or duplicated, every loss explained. */
    boolean clean() {
        return hangs == 0 && corrupted == 0 && duplicated == 0 && lost == lostAttributable && qsizeAfter == 0
                && emptyAfter && !fullAfter && problems.isEmpty();
    }

    String summary() {
        StringBuilder perCall = new StringBuilder();
        for (String op : calls.operations()) {
            perCall.append(String.format("%n    %-9s %7d calls, overrun p99 %.1f ms, max %.1f ms", op, calls.calls(op),
                    calls.p99Micros(op) / 1000.0, calls.maxMicros(op) / 1000.0));
        }
        return String.format("chaos seed=%d: %d kills (%d producers, %d consumers), %d stops (%d ms), %d items put,"
                        + " %d delivered, %d hangs (%d calls later than timeout + %d ms), %d corrupted, %d duplicated, %d lost (%d attributable),"
                        + " qsize after=%d, join after=%s%n  bounded calls: %d (apart: %d made while their own process was"
                        + " stopped, %d first of their kind in a process), overrun p99 %.1f ms, max %.1f ms, max Empty overrun %.1f ms; load average %s -> %s%s%s"
                        + "%n  billiard: %s",
                seed, kills, producerKills, consumerKills, stops, stopMillis, putLogged, delivered, hangs, lateCalls, slackMillis,
                corrupted, duplicated, lost, lostAttributable, qsizeAfter, joinAfter, calls.calls(), calls.inOwnStop, calls.firstOfKind,
                calls.p99Micros() / 1000.0, calls.maxMicros() / 1000.0, maxEmptyOverrunMicros / 1000.0, loadBefore,
                loadAfter, perCall,
                problems.isEmpty() ? "" : "\n  problems:\n    " + String.join("\n    ", problems), billiard);
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\n");
        field(json, "seed", seed);
        field(json, "kills", kills);
        field(json, "stops", stops);
        field(json, "producer_kills", producerKills);
        field(json, "consumer_kills", consumerKills);
        field(json, "hangs", hangs);
        field(json, "corrupted", corrupted);
        field(json, "duplicated", duplicated);
        field(json, "lost", lost);
        field(json, "lost_attributable", lostAttributable);
        field(json, "items_put", putLogged);
        field(json, "items_delivered", delivered);
        field(json, "stop_ms", stopMillis);
        field(json, "slack_ms", slackMillis);
        field(json, "late_calls", lateCalls);
        field(json, "bounded_calls", calls.calls());
        field(json, "bounded_calls_in_own_stop", calls.inOwnStop);
        field(json, "bounded_calls_first_of_kind", calls.firstOfKind);
        field(json, "overrun_p99_ms", calls.p99Micros() / 1000.0);
        field(json, "overrun_max_ms", calls.maxMicros() / 1000.0);
        json.append("  \"overrun_by_call\": {");
        List<String> ops = calls.operations();
        for (int i = 0; i < ops.size(); i++) {
            String op = ops.get(i);
            json.append(i == 0 ? "\n    " : ",\n    ").append(quote(op)).append(": {\"calls\": ").append(calls.calls(op))
                    .append(", \"p99_ms\": ").append(calls.p99Micros(op) / 1000.0).append(", \"max_ms\": ")
                    .append(calls.maxMicros(op) / 1000.0).append('}');
        }
        json.append(ops.isEmpty() ? "},\n" : "\n  },\n");
        field(json, "max_empty_overrun_ms", maxEmptyOverrunMicros / 1000.0);
        field(json, "load_average_before", quote(loadBefore));
        field(json, "load_average_after", quote(loadAfter));
        field(json, "qsize_after", qsizeAfter);
        field(json, "empty_after", emptyAfter);
        field(json, "full_after", fullAfter);
        field(json, "join_after", joinAfter);
        json.append("  \"billiard\": ").append(billiard).append(",\n");
        json.append("  \"problems\": [");
        for (int i = 0; i < problems.size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ").append(quote(problems.get(i)));
        }
        json.append(problems.isEmpty() ? "],\n" : "\n  ],\n");
        json.append("  \"clean\": ").append(clean()).append("\n}\n");
        return json.toString();
    }

    /** The 1, 5 and 15 minute load averages now, as {@code /proc/loadavg} gives them ("?" if unreadable). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "?";
        }
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder json, String name, Object value) {
        json.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
