package org.jbilliard.reference.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a chaos run, written as {@code target/chaos/report.json}.
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
    int lateEmpty;
    long maxEmptyOverrunMicros;
    int qsizeAfter = -1;
    boolean emptyAfter;
    boolean fullAfter;
    boolean joinAfter;
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
        lateEmpty = ledger.lateEmpty;
        hangs += ledger.lateEmpty;
        maxEmptyOverrunMicros = ledger.maxEmptyOverrunMicros;
        problems.addAll(ledger.problems);
    }

    /** Whether the run met every promise: no hang, nothing corrupted or duplicated, every loss explained. */
    boolean clean() {
        return hangs == 0 && corrupted == 0 && duplicated == 0 && lost == lostAttributable && qsizeAfter == 0
                && emptyAfter && !fullAfter && problems.isEmpty();
    }

    String summary() {
        return String.format("chaos seed=%d: %d kills (%d producers, %d consumers), %d stops, %d items put, %d delivered,"
                        + " %d hangs, %d corrupted, %d duplicated, %d lost (%d attributable), qsize after=%d,"
                        + " max Empty overrun %.1f ms, join after=%s%s%n  billiard: %s",
                seed, kills, producerKills, consumerKills, stops, putLogged, delivered, hangs, corrupted, duplicated, lost,
                lostAttributable, qsizeAfter, maxEmptyOverrunMicros / 1000.0, joinAfter,
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
        field(json, "late_empty", lateEmpty);
        field(json, "max_empty_overrun_ms", maxEmptyOverrunMicros / 1000.0);
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
