package org.jbilliard.reference.tck;

import org.jbilliard.Context;
import org.jbilliard.reference.ReferenceContext;
import org.jbilliard.tck.JbilliardTck;

/**
 * The whole TCK against the reference implementation, with real child JVMs — the ten-line class an
 * implementor writes (tck/README.md). Reports go to {@code target/tck-report}.
 *
 * <p>With an item size limit of 16 MiB instead of the default 1 GiB, so that Q-TOOLARGE-01 and
 * SQ-TOOLARGE-01 can allocate an item over the limit and are verified, not skipped (the largest item
 * another rule puts is 8 MiB).
 */
class ReferenceContextTckTest extends JbilliardTck {
    /** The limit the TCK run uses. */
    static final int TCK_MAX_ITEM_BYTES = 16 << 20;

    @Override
    protected Context createContext() {
        return new ReferenceContext(TCK_MAX_ITEM_BYTES);
    }
}
