package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jbilliard.Codec;

/**
 * This process's attachments and open handles.
 *
 * <p><b>One attachment per queue per process.</b> An attachment ({@link PipeChannel}: a slot in the
 * queue's participant table, a FIFO descriptor, the 532 KiB control block mapping) is shared by every
 * handle of that queue in this process — the creator's, those attached by address, those
 * deserialized from items or from a task's captures — and counted: each handle holds one reference
 * from its construction until it is released (closed, idle and flushed, or unreachable and then
 * flushed, see {@link HandleState}). The last release gives the slot up, closes the descriptor and
 * the mapping, and deletes the queue's files if no other process is attached. So a process holds at
 * most one slot per queue however many handles it receives, and the table's {@value
 * ControlBlockLayout#SLOT_COUNT} slots bound the number of processes attached at once, not handles.
 * Queues are told apart by their directory's device, inode and normalised path.
 *
 * <p><b>At exit</b> a shutdown hook closes the handles still open: each handle's feeder flushes first
 * (unless {@code cancelJoinThread()} opted out — as billiard joins its feeder threads at exit), then
 * its reference is released and, with the last one, the attachment.
 *
 * <p>Thread-safe: attachments are looked up, counted and released under the class's lock (which is
 * held while a new attachment takes its slot under the queue's admin lock, never the other way
 * round); the open set is concurrent.
 */
final class HandleRegistry {

    /** Runs {@link HandleState#run()} for handles that became unreachable; one daemon thread. */
    static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "jbilliard-handle-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** How many holders the slot-table error names at most. */
    private static final int HOLDERS_NAMED = 12;

    private static final Set<HandleState> OPEN = ConcurrentHashMap.newKeySet();
    /** Guarded by the class lock. */
    private static final Map<Object, Attachment> BY_KEY = new HashMap<>();
    /** Guarded by the class lock. */
    private static final Map<PipeChannel, Attachment> BY_CHANNEL = new IdentityHashMap<>();
    private static volatile boolean hooked;

    private HandleRegistry() {
    }

    /** One attachment and the number of handles holding it. Guarded by the class lock. */
    private static final class Attachment {
        final Object key;
        final PipeChannel channel;
        int references = 1;

        Attachment(Object key, PipeChannel channel) {
            this.key = key;
            this.channel = channel;
        }
    }

    /**
     * Creates a queue; the returned attachment carries one reference, for the creator's handle.
     *
     * @see PipeChannel#create
     */
    static PipeChannel create(int kind, int maxsize, Codec codec) {
        PipeChannel channel = PipeChannel.create(kind, maxsize, codec);
        Object key = keyOf(channel.dir);
        synchronized (HandleRegistry.class) {
            Attachment a = new Attachment(key == null ? new Object() : key, channel);
            BY_KEY.put(a.key, a);
            BY_CHANNEL.put(channel, a);
        }
        return channel;
    }

    /**
     * Returns this process's attachment to the queue at {@code address}, attaching first if there is
     * none, with one more reference counted for the caller's new handle. The address is checked
     * every time (ownership, modes), as for a first attachment.
     *
     * @throws IllegalArgumentException as {@link PipeChannel#attach}, or if the queue is of another kind
     * @throws IllegalStateException    if the queue's participant table is full (see {@link #slotTableFull})
     */
    static PipeChannel attach(String address, int... acceptedKinds) {
        Path dir = QueueFiles.checkAttachable(address);
        Object key = keyOf(dir);
        synchronized (HandleRegistry.class) {
            Attachment a = key == null ? null : BY_KEY.get(key);
            if (a != null) {
                int kind = a.channel.kind;
                if (Arrays.stream(acceptedKinds).noneMatch(k -> k == kind)) {
                    throw new IllegalArgumentException("queue at " + address + " is a " + kindName(kind)
                            + ", not a " + kindName(acceptedKinds[0]));
                }
                // NOTE: as a first attach would: a control block whose recorded scope is not ours is refused.
                a.channel.checkScope();
                a.references++;
                return a.channel;
            }
            PipeChannel channel = PipeChannel.attach(address, acceptedKinds);
            a = new Attachment(key == null ? new Object() : key, channel);
            BY_KEY.put(a.key, a);
            BY_CHANNEL.put(channel, a);
            return channel;
        }
    }

    /**
     * Gives one handle's reference back; the last one releases the attachment ({@link PipeChannel#release}).
     * Called once per handle, when no operation of it runs and its feeder (if any) has finished.
     */
    static void release(PipeChannel channel) {
        synchronized (HandleRegistry.class) {
            Attachment a = BY_CHANNEL.get(channel);
            if (a == null || --a.references > 0) {
                return;
            }
            BY_CHANNEL.remove(channel);
            BY_KEY.remove(a.key);
            // NOTE: under the lock, so that an attach of the same queue meanwhile waits and then
            // attaches anew (or finds the queue deleted, if this was its last participant).
            channel.release();
        }
    }

    /** @return how many handles of this process hold the attachment of {@code channel} (0: released) */
    static int references(PipeChannel channel) {
        synchronized (HandleRegistry.class) {
            Attachment a = BY_CHANNEL.get(channel);
            return a == null ? 0 : a.references;
        }
    }

    /** @return how many queues this process is attached to */
    static int attachments() {
        synchronized (HandleRegistry.class) {
            return BY_CHANNEL.size();
        }
    }

    /**
     * The directory's device and inode with its normalised path (so that a directory removed from
     * under a live attachment and an unrelated one given the same inode are not confused), or
     * {@code null} if they cannot be read (then nothing is shared).
     */
    private static Object keyOf(Path dir) {
        try {
            Object inode = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return inode == null ? null : List.of(inode, dir.toAbsolutePath().normalize().toString());
        } catch (IOException e) {
            return null;
        }
    }

    static void register(HandleState handle) {
        if (!hooked) {
            synchronized (HandleRegistry.class) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(HandleRegistry::closeAll, "jbilliard-queues-exit"));
                    hooked = true;
                }
            }
        }
        OPEN.add(handle);
    }

    static void unregister(HandleState handle) {
        OPEN.remove(handle);
    }

    static int openCount() {
        return OPEN.size();
    }

    private static void closeAll() {
        List<HandleState> handles = new ArrayList<>(OPEN);
        for (HandleState h : handles) {
            try {
                h.closeAtExit();
            } catch (RuntimeException e) {
                // exiting anyway: a handle that cannot be closed is left to the survivors' repair
            }
        }
    }

    /**
     * The error of an attach that finds every slot of the participant table taken by a live process.
     * It names the holders (pid and how many slots each holds), most slots first, so that whoever
     * runs into it can tell which processes to look at.
     */
    static IllegalStateException slotTableFull(ControlBlock cb, String address) {
        Map<Long, Integer> perPid = new TreeMap<>();
        for (int i = 0; i < SLOT_COUNT; i++) {
            long id = cb.getLong(slot(i) + SLOT_IDENTITY);
            if (id != 0 && id != SLOT_REPAIRING) {
                perPid.merge(id & 0xffff_ffffL, 1, Integer::sum);
            }
        }
        List<Map.Entry<Long, Integer>> holders = new ArrayList<>(perPid.entrySet());
        holders.sort((x, y) -> y.getValue() - x.getValue());
        StringBuilder named = new StringBuilder();
        for (int i = 0; i < Math.min(HOLDERS_NAMED, holders.size()); i++) {
            Map.Entry<Long, Integer> h = holders.get(i);
            named.append(i == 0 ? "" : ", ").append("pid ").append(h.getKey()).append(" (")
                    .append(h.getValue()).append(h.getValue() == 1 ? " slot)" : " slots)");
        }
        if (holders.size() > HOLDERS_NAMED) {
            named.append(" and ").append(holders.size() - HOLDERS_NAMED).append(" more processes");
        }
        return new IllegalStateException("cannot attach to queue at " + address + ": all " + SLOT_COUNT
                + " slots of its participant table are held by live processes (each attached process holds"
                + " one slot, however many handles it has; a process that exits gives its slot back): "
                + named);
    }
}
