package org.jbilliard.dummy;

import org.jbilliard.Context;
import org.jbilliard.tck.JbilliardTck;

/** The whole TCK against the dummy context: it passes every rule its features claim. */
class DummyContextTckTest extends JbilliardTck {

    @Override
    protected Context createContext() {
        return new DummyContext();
    }
}
