package org.jbilliard.redis.tck;

import org.jbilliard.Context;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.jbilliard.tck.JbilliardTck;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole TCK against the Redis context, on a real {@code redis-server} started for this class,
 * with real child JVMs and real kills. Reports go to {@code target/tck-report}.
 */
class RedisContextTckTest extends JbilliardTck {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    @Override
    protected Context createContext() {
        return new RedisContext(REDIS.server().config());
    }
}
