package org.jbilliard.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jbilliard.Codec;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.QueueClosedException;

/**
 * The protocol client of one queue handle: every operation of {@link RedisQueue},
 * {@link RedisJoinableQueue} and {@link RedisSimpleQueue} as scripts and {@code BLMOVE} slices (the
 * protocol is in the package documentation). Owns the handle's {@link Lane}s.
 *
 * <p>Blocking operations first try their script; when it answers full/empty they wait in
 * {@code BLMOVE} slices of at most {@link RedisConfig#blockSlice()} (checking the deadline, the
 * interrupt status and {@link #close()} between slices) and commit with the script again: a token
 * or an item the slice moved is in this lane's {@code held}/{@code proc} list, where the script finds
 * it first.
 *
 * <p><b>Thread-safety.</b> Thread-safe: concurrent callers each borrow their own lane.
 */
final class QueueCore {

    /** The queue kinds of the protocol, as recorded in {@code meta.kind}. */
    enum Kind {
        QUEUE("queue"), JOINABLE("joinable"), SIMPLE("simple");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    final Server server;
    final QueueAddress address;
    final Kind kind;
    /** The bound; 0 for unbounded. */
    final int maxsize;
    final Codec codec;
    private final String meta;
    private final String items;
    private final String slots;
    private final String unfinished;
    private final String zero;
    private final String name;

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Lane> idle = new ArrayDeque<>();
    private final List<Lane> lanes = new ArrayList<>();
    private int borrowed;
    private volatile boolean closed;

    private QueueCore(Server server, QueueAddress address, Kind kind, int maxsize, Codec codec, Lane first) {
        this.server = server;
        this.address = address;
        this.kind = kind;
        this.maxsize = maxsize;
        this.codec = codec;
        String p = address.prefix();
        this.meta = address.metaKey();
        this.items = p + "items";
        this.slots = p + "slots";
        this.unfinished = p + "unfinished";
        this.zero = p + "unfinished:zero";
        this.name = kind.wire + " " + address;
        lanes.add(first);
        idle.add(first);
        server.leases.register(this);
    }

    /** Creates a queue on {@code server} with its first lane. */
    static QueueCore create(Server server, Kind kind, int maxsize, Codec codec) {
        Objects.requireNonNull(codec, "codec");
        int bound = maxsize <= 0 ? 0 : maxsize;
        String owner = System.getProperty("user.name", "?") + "@" + host() + " pid " + ProcessHandle.current().pid();
        RedisConfig c = server.config;
        for (int attempt = 0; ; attempt++) {
            QueueAddress address = QueueAddress.fresh(server.config.endpoint());
            Lane lane = new Lane(QueueAddress.randomHex(8));
            List<Object> r = server.script(Script.CREATE, address.metaKey(), server.deadlineIn(-1), lane.id, kind.wire,
                    bound, CodecIds.idOf(codec), c.leaseTime().toMillis(), c.idleExpiry().toMillis(), owner);
            if (code(r) == 0) {
                return new QueueCore(server, address, kind, bound, codec, lane);
            }
            if (attempt > 3) {
                throw new IllegalStateException("cannot create a queue on " + server.uri() + ": id clash " + r);
            }
        }
    }

    /**
     * Attaches a new handle to an existing queue.
     *
     * @param codec the codec the handle brings (a serialized handle), or {@code null} to take the one
     *              the queue records
     * @throws IllegalArgumentException if the queue does not exist, is of another kind or codec
     */
    static QueueCore attach(Server server, QueueAddress address, Kind kind, Codec codec) {
        Lane lane = new Lane(QueueAddress.randomHex(8));
        List<Object> r = server.script(Script.ATTACH, address.metaKey(), server.deadlineIn(-1), lane.id, kind.wire,
                server.config.leaseTime().toMillis());
        switch (code(r)) {
            case 0:
                break;
            case -1:
                throw new IllegalArgumentException("no queue at " + address
                        + " (closed by all its users, expired, or lost in a restart of the server)");
            case -3:
                throw new IllegalArgumentException("the queue at " + address + " is a " + text(r.get(1))
                        + ", not a " + kind.wire);
            default:
                throw new IllegalArgumentException("the queue at " + address + " speaks protocol version "
                        + (r.size() > 1 ? text(r.get(1)) : "?") + "; this client speaks version 1");
        }
        int bound = ((Long) r.get(1)).intValue();
        String codecId = text(r.get(2));
        Codec chosen = codec;
        if (chosen == null) {
            chosen = CodecIds.forId(codecId, address.toString());
        } else if (!CodecIds.idOf(chosen).equals(codecId)) {
            release(server, address, lane);
            throw new IllegalArgumentException("the queue at " + address + " uses the codec " + codecId
                    + ", this handle brings " + CodecIds.idOf(chosen));
        }
        return new QueueCore(server, address, kind, bound, chosen, lane);
    }

    private static void release(Server server, QueueAddress address, Lane lane) {
        try {
            server.script(Script.CLOSE, address.metaKey(), server.deadlineIn(-1), lane.id);
        } catch (RuntimeException e) {
            // the lease lapses by itself
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    // ---- lanes

    private Lane borrow(boolean forGet) {
        synchronized (lock) {
            requireOpen("use");
            borrowed++;
            for (java.util.Iterator<Lane> it = idle.iterator(); it.hasNext(); ) {
                Lane lane = it.next();
                if (lane.pendingGet == forGet) {
                    it.remove();
                    return lane;
                }
            }
            if (!forGet) {
                // every idle lane has a pending get: a put must not overwrite its replay record
            } else if (!idle.isEmpty()) {
                return idle.poll();
            }
        }
        Lane lane = new Lane(QueueAddress.randomHex(8));
        try {
            List<Object> r = server.script(Script.ATTACH, meta, server.deadlineIn(-1), lane.id, kind.wire,
                    server.config.leaseTime().toMillis());
            if (code(r) == -1) {
                throw gone();
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                borrowed--;
                lock.notifyAll();
            }
            throw e;
        }
        synchronized (lock) {
            lanes.add(lane);
        }
        return lane;
    }

    private void giveBack(Lane lane) {
        synchronized (lock) {
            idle.push(lane);
            borrowed--;
            lock.notifyAll();
        }
    }

    private void renew(Lane lane, long deadline) {
        List<Object> r = server.script(Script.LEASE, meta, Math.max(deadline, server.deadlineIn(-1)),
                server.config.leaseTime().toMillis(), server.config.idleExpiry().toMillis(), lane.id);
        if (code(r) == -1) {
            throw gone();
        }
    }

    /** Called by the {@link LeaseKeeper}: refresh every lane's lease, then reap dead handles. */
    void refreshLeases() {
        Object[] args;
        synchronized (lock) {
            if (closed) {
                return;
            }
            args = new Object[lanes.size() + 2];
            args[0] = server.config.leaseTime().toMillis();
            args[1] = server.config.idleExpiry().toMillis();
            for (int i = 0; i < lanes.size(); i++) {
                args[i + 2] = lanes.get(i).id;
            }
        }
        long deadline = System.nanoTime() + server.config.leaseRefresh().toNanos();
        try {
            server.script(Script.LEASE, meta, deadline, args);
        } finally {
            // NOTE: reaping does not depend on our own leases: a dead participant's item goes back
            // even in a tick whose refresh failed.
            server.script(Script.REAP, meta, Math.max(deadline, System.nanoTime() + Server.MIN_TIMEOUT_MS * 1_000_000L), 64);
        }
    }

    // ---- operations

    /**
     * Puts an encoded item.
     *
     * @param deadline a {@link System#nanoTime()} deadline, {@link Long#MAX_VALUE} for none
     * @param block    whether to wait for a free slot
     */
    void put(byte[] payload, boolean block, long deadline) throws InterruptedException, Full {
        Lane lane = borrow(false);
        try {
            long seq = ++lane.seq;
            long callDeadline = block ? deadline : server.deadlineIn(-1);
            while (true) {
                requireOpenFor(lane, "put");
                List<Object> r = block
                        ? server.scriptInterruptibly(Script.PUT, meta, callDeadline, lane.id, seq, payload)
                        : server.script(Script.PUT, meta, callDeadline, lane.id, seq, payload);
                int code = code(r);
                if (code == 0) {
                    return;
                } else if (code == -2) {
                    renew(lane, callDeadline);
                    continue;
                } else if (code == -1) {
                    throw gone();
                }
                long left = deadline - System.nanoTime();
                if (!block || left <= 0) {
                    throw new Full(name + " is full (maxsize " + maxsize + ")");
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                server.blmove(slots, address.prefix() + "held:" + lane.id, "LEFT", "RIGHT", slice(left), deadline, true);
            }
        } finally {
            giveBack(lane);
        }
    }

    /**
     * Takes an encoded item.
     *
     * @param deadline a {@link System#nanoTime()} deadline, {@link Long#MAX_VALUE} for none
     */
    byte[] get(boolean block, long deadline) throws InterruptedException, Empty {
        Lane lane = borrow(true);
        try {
            long seq = lane.pendingGet ? lane.seq : ++lane.seq;
            lane.pendingGet = true;
            long callDeadline = block ? deadline : server.deadlineIn(-1);
            while (true) {
                requireOpenFor(lane, "get");
                List<Object> r = server.take(meta, address.prefix() + "got:" + lane.id, callDeadline, block, lane.id,
                        seq);
                int code = code(r);
                if (code == 0) {
                    lane.pendingGet = false;
                    return (byte[]) r.get(1);
                } else if (code == -2) {
                    renew(lane, callDeadline);
                    continue;
                } else if (code == -1) {
                    lane.pendingGet = false;
                    throw gone();
                }
                lane.pendingGet = false;
                long left = deadline - System.nanoTime();
                if (!block || left <= 0) {
                    throw new Empty(name + " is empty");
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                lane.pendingGet = true;
                boolean moved = server.blmove(items, address.prefix() + "proc:" + lane.id, "LEFT", "RIGHT", slice(left),
                        deadline, true);
                lane.pendingGet = moved;
            }
        } finally {
            giveBack(lane);
        }
    }

    private long slice(long leftNanos) {
        return Math.max(10, Math.min(server.config.blockSlice().toMillis(), (leftNanos + 999_999) / 1_000_000));
    }

    int qsize() {
        requireOpen("qsize");
        return (int) Math.min(Integer.MAX_VALUE, server.llen(items, server.deadlineIn(-1)));
    }

    boolean full() {
        requireOpen("full");
        return maxsize > 0 && server.llen(items, server.deadlineIn(-1)) >= maxsize;
    }

    void taskDone() {
        Lane lane = borrow(false);
        try {
            long seq = ++lane.seq;
            requireOpen("taskDone");
            List<Object> r = server.script(Script.TASK_DONE, meta, server.deadlineIn(-1), lane.id, seq);
            int code = code(r);
            if (code == -1) {
                throw gone();
            }
            if (code == 1) {
                throw new IllegalStateException("task_done() called too many times");
            }
        } finally {
            giveBack(lane);
        }
    }

    boolean join(long deadline) throws InterruptedException {
        while (true) {
            requireOpen("join");
            if (server.getLong(unfinished, deadline == Long.MAX_VALUE ? deadline : Math.max(deadline,
                    System.nanoTime()), true) <= 0) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            // A rotation of the one element unfinished:zero has while nothing is unfinished: it wakes
            // every waiter and consumes nothing.
            server.blmove(zero, zero, "RIGHT", "LEFT", slice(left), deadline, true);
        }
    }

    // ---- life cycle

    boolean isClosed() {
        return closed;
    }

    void requireOpen(String op) {
        if (closed) {
            throw new QueueClosedException(name + " is closed (" + op + " on a closed handle)");
        }
    }

    /**
     * As {@link #requireOpen}, for a caller inside an operation: a handle closed meanwhile may have
     * released this lane while its BLMOVE still moved a token or an item into it, which would then
     * belong to no live handle; it is given back before the caller learns of the close.
     */
    private void requireOpenFor(Lane lane, String op) {
        if (closed) {
            try {
                server.script(Script.CLOSE, meta, server.deadlineIn(-1), lane.id);
            } catch (RuntimeException e) {
                // the lane's lease lapses by itself, and a reaper gives back what it holds
            }
            requireOpen(op);
        }
    }

    /** Releases every lane (the last handle's close deletes the queue). Never throws for an outage. */
    void close() {
        List<Object> ids;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            // NOTE: blocked callers notice between slices; their lanes are released once they are back,
            // so that no BLMOVE can move an item into a lane that close already released.
            long until = System.nanoTime() + 2 * server.config.blockSlice().toNanos() + 1_000_000_000L;
            while (borrowed > 0 && System.nanoTime() < until) {
                try {
                    lock.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ids = new ArrayList<>();
            for (Lane lane : lanes) {
                ids.add(lane.id);
            }
        }
        server.leases.unregister(this);
        try {
            server.script(Script.CLOSE, meta, server.deadlineIn(-1), ids.toArray());
        } catch (ServerUnavailableException e) {
            // The leases lapse by themselves; any participant's reaper gives back what they held.
        }
    }

    /** The shutdown hook's close: bounded by one second. */
    void closeAtExit() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<Object> ids = new ArrayList<>();
        synchronized (lock) {
            for (Lane lane : lanes) {
                ids.add(lane.id);
            }
        }
        try {
            server.script(Script.CLOSE, meta, System.nanoTime() + 1_000_000_000L, ids.toArray());
        } catch (RuntimeException e) {
            // the leases lapse by themselves
        }
    }

    private IllegalStateException gone() {
        return new IllegalStateException(name + " no longer exists on the server: closed by all its users, expired"
                + " after " + server.config.idleExpiry() + " without a live handle, or lost in a restart of a server"
                + " without persistence");
    }

    static int code(List<Object> reply) {
        return ((Long) reply.get(0)).intValue();
    }

    private static String text(Object bulk) {
        return bulk instanceof byte[] ? new String((byte[]) bulk, StandardCharsets.UTF_8) : String.valueOf(bulk);
    }

    @Override
    public String toString() {
        return name;
    }
}
