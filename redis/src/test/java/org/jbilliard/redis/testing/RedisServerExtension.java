package org.jbilliard.redis.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@link RedisServer} on a free loopback port before the test class and stops it by its
 * PID afterwards. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = RedisServerExtension.create();
 * }</pre>
 *
 * Where {@code redis-server} is not installed the class is skipped with that reason
 * ({@code apt-get install redis-server}; CI installs it).
 *
 * <p><b>Thread-safety.</b> Started and stopped by JUnit's thread; {@link #server()} may be read from
 * any thread after that.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final boolean appendOnly;
    private volatile RedisServer server;

    private RedisServerExtension(boolean appendOnly) {
        this.appendOnly = appendOnly;
    }

    /** @return an extension for a server without persistence */
    public static RedisServerExtension create() {
        return new RedisServerExtension(false);
    }

    /** @return an extension for a server with an append-only file ({@code appendfsync always}) */
    public static RedisServerExtension withAppendOnlyFile() {
        return new RedisServerExtension(true);
    }

    /** @return the running server */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("the Redis server is started before the test class runs");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(RedisServer.installed(), "not verified: " + RedisServer.BINARY
                + " is not installed (apt-get install redis-server)");
        server = RedisServer.start(appendOnly);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
