package org.jbilliard.redis;

/**
 * One protocol handle: the unit of the protocol that holds a lease, owns {@code held:<h>},
 * {@code proc:<h>} and {@code rec:<h>}, and performs one operation at a time with increasing
 * sequence numbers. A Java queue handle owns as many lanes as it has concurrent callers, so that
 * threads sharing a handle never share a lane.
 *
 * <p><b>Thread-safety.</b> Confined: a lane is borrowed by one thread at a time from its
 * {@link QueueCore}, whose lock publishes its fields between borrowers.
 */
final class Lane {

    /** The protocol handle id: 16 hex digits, unique per lane. */
    final String id;
    /** The last sequence number used. */
    long seq;
    /**
     * A {@code get} with sequence {@link #seq} may have taken an item whose reply never arrived, or
     * {@code BLMOVE} may have left an item in {@code proc:<h>}: the next {@code get} must use this lane
     * and this sequence number, so that the server replays or hands over that item.
     */
    boolean pendingGet;

    Lane(String id) {
        this.id = id;
    }

    @Override
    public String toString() {
        return "Lane[" + id + ", seq " + seq + (pendingGet ? ", pending get" : "") + "]";
    }
}
