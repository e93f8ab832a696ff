package org.jbilliard.reference.queue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A queue's participant table as tests see and stage it: who holds its slots, and a table filled
 * with live identities (as 1 024 attached processes would leave it). Stateless; not for concurrent
 * staging of one queue.
 */
public final class SlotTable {

    private SlotTable() {
    }

    /** @return the number of slots in every participant table */
    public static int size() {
        return ControlBlockLayout.SLOT_COUNT;
    }

    /**
     * @param address a queue's address
     * @return its occupied slots, by pid
     */
    public static Map<Long, Integer> slotsByPid(String address) throws IOException {
        Map<Long, Integer> slots = new TreeMap<>();
        withControlBlock(address, cb -> {
            for (int i = 0; i < ControlBlockLayout.SLOT_COUNT; i++) {
                long id = cb.getLong(ControlBlockLayout.slot(i) + ControlBlockLayout.SLOT_IDENTITY);
                if (id != 0) {
                    slots.merge(id & 0xffff_ffffL, 1, Integer::sum);
                }
            }
        });
        return slots;
    }

    /**
     * Fills every free slot with {@code identity} (a live process's, so that nobody reclaims them).
     *
     * @return how many slots were filled
     */
    public static int fillFreeSlots(String address, long identity) throws IOException {
        int[] filled = {0};
        withControlBlock(address, cb -> {
            for (int i = 0; i < ControlBlockLayout.SLOT_COUNT; i++) {
                if (cb.casLong(ControlBlockLayout.slot(i) + ControlBlockLayout.SLOT_IDENTITY, 0, identity)) {
                    filled[0]++;
                }
            }
        });
        return filled[0];
    }

    /** Frees the last {@code staged} slots holding {@code identity} again (the real one comes first). */
    public static void clearStaged(String address, long identity, int staged) throws IOException {
        withControlBlock(address, cb -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < ControlBlockLayout.SLOT_COUNT; i++) {
                if (cb.getLong(ControlBlockLayout.slot(i) + ControlBlockLayout.SLOT_IDENTITY) == identity) {
                    mine.add(i);
                }
            }
            for (int i : mine.subList(Math.max(0, mine.size() - staged), mine.size())) {
                cb.setLong(ControlBlockLayout.slot(i) + ControlBlockLayout.SLOT_IDENTITY, 0);
            }
        });
    }

    private static void withControlBlock(String address, Consumer<ControlBlock> use) throws IOException {
        try (Arena arena = Arena.ofConfined();
             FileChannel fc = FileChannel.open(Path.of(address, QueueFiles.CONTROL), StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            use.accept(new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0, ControlBlockLayout.SIZE, arena)));
        }
    }
}
