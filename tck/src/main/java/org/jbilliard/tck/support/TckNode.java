package org.jbilliard.tck.support;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A serializable tree node used as a generated queue item: a class that exists only on the TCK's class
 * path, so it also checks that the implementation decodes with the right class loader. Value equality.
 * Immutable once constructed (its child list is copied and never exposed).
 */
public final class TckNode implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long weight;
    private final ArrayList<TckNode> children;

    /**
     * Creates a node.
     *
     * @param name     its name
     * @param weight   a number
     * @param children its children
     */
    public TckNode(String name, long weight, List<TckNode> children) {
        this.name = name;
        this.weight = weight;
        this.children = new ArrayList<>(children);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TckNode)) {
            return false;
        }
        TckNode node = (TckNode) other;
        return weight == node.weight && name.equals(node.name) && children.equals(node.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, weight, children);
    }

    @Override
    public String toString() {
        return "TckNode(" + name + ", " + weight + ", " + children + ")";
    }
}
