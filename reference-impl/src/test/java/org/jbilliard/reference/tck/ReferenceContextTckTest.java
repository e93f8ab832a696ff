package org.jbilliard.reference.tck;

import org.jbilliard.Context;
import org.jbilliard.reference.ReferenceContext;
import org.jbilliard.tck.JbilliardTck;

/**
 * The whole TCK against the reference implementation, with real child JVMs — the ten-line class an
 * implementor writes (tck/README.md). Reports go to {@code target/tck-report}.
 */
class ReferenceContextTckTest extends JbilliardTck {
    @Override
    protected Context createContext() {
        return new ReferenceContext();
    }
}
