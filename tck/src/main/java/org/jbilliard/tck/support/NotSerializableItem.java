package org.jbilliard.tck.support;

/**
 * An item no codec can encode: not {@link java.io.Serializable}, and of a distinctive type name that the
 * codec's error message is expected to mention. Immutable.
 */
public final class NotSerializableItem {
    private final int value;

    /**
     * Creates the item.
     *
     * @param value any number
     */
    public NotSerializableItem(int value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return "NotSerializableItem(" + value + ")";
    }
}
