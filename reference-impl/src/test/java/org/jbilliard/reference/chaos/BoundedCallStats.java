package org.jbilliard.reference.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overruns of the bounded calls of a chaos run: how far past its timeout each {@code get(t)},
 * {@code getNowait()}, {@code put(t)} and {@code putNowait()} returned (whatever it returned: an
 * item, {@code Empty}, {@code Full}), overall and per operation, with the calls that overran the
 * allowance. A call made while its own process was stopped by the run is not the queue's overrun and
 * is only counted apart ({@link #inOwnStop}), and so is each process's first call of each kind
 * ({@link #firstOfKind}).
 *
 * <p>Not thread-safe: filled by one judge.
 */
final class BoundedCallStats {

    /** Overruns in µs (0 for a call that returned within its timeout), per operation. */
    private final Map<String, long[]> overruns = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    int inOwnStop;
    /** Each process's first call of each kind: it pays for class loading and thread start, so it is not judged. */
    int firstOfKind;
    int late;

    /** Records one call's overrun in µs (negative: returned before its timeout). */
    void add(String op, long overrunMicros) {
        int n = counts.getOrDefault(op, 0);
        long[] values = overruns.computeIfAbsent(op, k -> new long[1024]);
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
            overruns.put(op, values);
        }
        values[n] = Math.max(0, overrunMicros);
        counts.put(op, n + 1);
    }

    int calls() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The operations seen, in name order. */
    List<String> operations() {
        return List.copyOf(counts.keySet());
    }

    int calls(String op) {
        return counts.getOrDefault(op, 0);
    }

    /** The 99th percentile overrun in µs over every call ({@code 0} if none). */
    long p99Micros() {
        return percentile(all(), 0.99);
    }

    long maxMicros() {
        return percentile(all(), 1.0);
    }

    long p99Micros(String op) {
        return percentile(sorted(op), 0.99);
    }

    long maxMicros(String op) {
        return percentile(sorted(op), 1.0);
    }

    private long[] sorted(String op) {
        long[] values = Arrays.copyOf(overruns.getOrDefault(op, new long[0]), calls(op));
        Arrays.sort(values);
        return values;
    }

    private long[] all() {
        long[] values = new long[calls()];
        int at = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            System.arraycopy(overruns.get(e.getKey()), 0, values, at, e.getValue());
            at += e.getValue();
        }
        Arrays.sort(values);
        return values;
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
