package org.jbilliard.redis;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link RedisContext} reaches its server: the server URI, the database, credentials, TLS
 * and timeouts. Immutable; build one with {@link #builder()} or read it from the environment with
 * {@link #fromEnvironment()}.
 *
 * <p>The URI names the server only: {@code redis://host:port/db} or {@code rediss://host:port/db}
 * (TLS). Credentials never go into a URI, since URIs end up in messages and logs: give them with
 * {@link Builder#credentials(String, String)} or the environment variables {@value #USER_ENV} and
 * {@value #PASSWORD_ENV}. {@link #toString()} never shows the password.
 *
 * <p>The configuration is {@link Serializable} because queue handles carry it to the task processes
 * they are captured by; that includes the password, which travels in the serialized task on the
 * child's standard input, never on a command line.
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe.
 */
public final class RedisConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Environment variable with the server URI (no credentials), e.g. {@code redis://10.0.0.5:6379/0}. */
    public static final String URL_ENV = "JBILLIARD_REDIS_URL";
    /** Environment variable with the ACL user name (optional). */
    public static final String USER_ENV = "JBILLIARD_REDIS_USER";
    /** Environment variable with the password (optional). */
    public static final String PASSWORD_ENV = "JBILLIARD_REDIS_PASSWORD";
    /** The server used when nothing else is configured. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379/0";

    private final Endpoint endpoint;
    private final String user;
    private final String password;
    private final Duration connectTimeout;
    private final Duration operationTimeout;
    private final Duration leaseTime;
    private final Duration leaseRefresh;
    private final Duration blockSlice;
    private final Duration idleExpiry;
    /** A PEM file of trusted certificate authorities for TLS, or null for the JVM's trust store. */
    private final String trustedCertificates;

    private RedisConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.user = b.user;
        this.password = b.password;
        this.connectTimeout = b.connectTimeout;
        this.operationTimeout = b.operationTimeout;
        this.leaseTime = b.leaseTime;
        this.leaseRefresh = b.leaseRefresh;
        this.blockSlice = b.blockSlice;
        this.idleExpiry = b.idleExpiry;
        this.trustedCertificates = b.trustedCertificates;
        if (leaseRefresh.compareTo(leaseTime) >= 0) {
            throw new IllegalArgumentException("the lease refresh interval (" + leaseRefresh
                    + ") must be shorter than the lease time (" + leaseTime + ")");
        }
        if (idleExpiry.compareTo(leaseTime) <= 0) {
            throw new IllegalArgumentException("the idle expiry (" + idleExpiry + ") must exceed the lease time ("
                    + leaseTime + ")");
        }
    }

    /**
     * Starts a configuration with the defaults: {@value #DEFAULT_URI}, no credentials, connect
     * timeout 2 s, operation timeout 5 s, lease 3 s refreshed every second, blocking slices of
     * 100 ms, idle expiry 1 hour.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration from the environment: {@value #URL_ENV} (default {@value #DEFAULT_URI}),
     * {@value #USER_ENV}, {@value #PASSWORD_ENV}; other settings are the defaults.
     *
     * @return the configuration
     * @throws IllegalArgumentException if {@value #URL_ENV} is malformed or holds credentials
     */
    public static RedisConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static RedisConfig fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        String url = env.get(URL_ENV);
        if (url != null && !url.isBlank()) {
            b.uri(url.trim());
        }
        String password = env.get(PASSWORD_ENV);
        if (password != null && !password.isEmpty()) {
            b.credentials(env.get(USER_ENV), password);
        }
        return b.build();
    }

    /** Returns the server URI, without credentials, e.g. {@code redis://127.0.0.1:6379/0}. @return the URI */
    public String uri() {
        return endpoint.uri();
    }

    /** Returns whether TLS is used ({@code rediss://}). @return whether TLS is used */
    public boolean tls() {
        return endpoint.tls();
    }

    /**
     * Returns the PEM file of the certificate authorities trusted for TLS, if one was set with
     * {@link Builder#trustedCertificates(java.nio.file.Path)}; otherwise the JVM's trust store is used.
     *
     * @return the file
     */
    public java.util.Optional<java.nio.file.Path> trustedCertificates() {
        return java.util.Optional.ofNullable(trustedCertificates).map(java.nio.file.Path::of);
    }

    /** Returns the database number. @return the database */
    public int database() {
        return endpoint.database();
    }

    /** Returns the ACL user name, or {@code null} for the default user. @return the user */
    public String user() {
        return user;
    }

    /** Returns whether a password is configured (the password itself is not exposed). @return whether */
    public boolean hasPassword() {
        return password != null;
    }

    String password() {
        return password;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Returns the TCP connect timeout. @return the timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns how long a call without a timeout of its own waits for an unavailable server before
     * it throws {@link ServerUnavailableException}. @return the timeout
     */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** Returns the lifetime of a handle's lease on the server's clock. @return the lease time */
    public Duration leaseTime() {
        return leaseTime;
    }

    /** Returns how often leases are refreshed and dead handles reaped. @return the interval */
    public Duration leaseRefresh() {
        return leaseRefresh;
    }

    /** Returns the longest single {@code BLMOVE} wait: the latency of interrupts and close. @return the slice */
    public Duration blockSlice() {
        return blockSlice;
    }

    /** Returns after how long without any live handle a queue's keys expire on the server. @return the expiry */
    public Duration idleExpiry() {
        return idleExpiry;
    }

    /**
     * Returns this configuration for another server (an attached address names its own), keeping
     * credentials and timeouts.
     */
    RedisConfig withEndpoint(Endpoint other) {
        Builder b = toBuilder();
        b.endpoint = other;
        return b.build();
    }

    /**
     * Returns a builder holding this configuration.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoint = endpoint;
        b.user = user;
        b.password = password;
        b.connectTimeout = connectTimeout;
        b.operationTimeout = operationTimeout;
        b.leaseTime = leaseTime;
        b.leaseRefresh = leaseRefresh;
        b.blockSlice = blockSlice;
        b.idleExpiry = idleExpiry;
        b.trustedCertificates = trustedCertificates;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RedisConfig)) {
            return false;
        }
        RedisConfig c = (RedisConfig) o;
        return endpoint.equals(c.endpoint) && Objects.equals(user, c.user) && Objects.equals(password, c.password)
                && connectTimeout.equals(c.connectTimeout) && operationTimeout.equals(c.operationTimeout)
                && leaseTime.equals(c.leaseTime) && leaseRefresh.equals(c.leaseRefresh)
                && blockSlice.equals(c.blockSlice) && idleExpiry.equals(c.idleExpiry)
                && Objects.equals(trustedCertificates, c.trustedCertificates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, user, password, connectTimeout, operationTimeout, leaseTime);
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "RedisConfig[" + uri() + (user != null ? ", user " + user : "")
                + (password != null ? ", password set" : "") + ", lease " + leaseTime + "]";
    }

    /**
     * Builds a {@link RedisConfig}.
     *
     * <p><b>Thread-safety.</b> Not thread-safe; confine a builder to one thread.
     */
    public static final class Builder {
        private Endpoint endpoint = Endpoint.parse(DEFAULT_URI);
        private String user;
        private String password;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration operationTimeout = Duration.ofSeconds(5);
        private Duration leaseTime = Duration.ofSeconds(3);
        private Duration leaseRefresh = Duration.ofSeconds(1);
        private Duration blockSlice = Duration.ofMillis(100);
        private Duration idleExpiry = Duration.ofHours(1);
        private String trustedCertificates;

        private Builder() {
        }

        /**
         * Sets the server: {@code redis://host[:port][/db]} or {@code rediss://…} for TLS.
         *
         * @param uri the server URI, without credentials
         * @return this builder
         * @throws IllegalArgumentException if it is malformed, of another scheme, or holds credentials
         */
        public Builder uri(String uri) {
            this.endpoint = Endpoint.parse(Objects.requireNonNull(uri, "uri"));
            return this;
        }

        /**
         * Sets the database number, overriding the URI's path.
         *
         * @param database 0 or more
         * @return this builder
         */
        public Builder database(int database) {
            this.endpoint = endpoint.withDatabase(database);
            return this;
        }

        /**
         * Turns TLS on or off, overriding the URI's scheme.
         *
         * @param tls whether to use TLS
         * @return this builder
         */
        public Builder tls(boolean tls) {
            this.endpoint = endpoint.withTls(tls);
            return this;
        }

        /**
         * Sets the credentials ({@code AUTH [user] password}).
         *
         * @param user     the ACL user, or {@code null} for the default user
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = user == null || user.isEmpty() ? null : user;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Sets the TCP connect timeout.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long a call without a timeout of its own waits for an unavailable server.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = positive(timeout, "operationTimeout");
            return this;
        }

        /**
         * Sets the lease time and the refresh interval (shorter than the lease time). A killed
         * participant's item and slot come back after at most about lease time + refresh interval.
         *
         * @param leaseTime positive
         * @param refresh   positive, shorter than {@code leaseTime}
         * @return this builder
         */
        public Builder lease(Duration leaseTime, Duration refresh) {
            this.leaseTime = positive(leaseTime, "leaseTime");
            this.leaseRefresh = positive(refresh, "refresh");
            return this;
        }

        /**
         * Sets the longest single blocking wait on the server.
         *
         * @param slice between 10 ms and 10 s
         * @return this builder
         */
        public Builder blockSlice(Duration slice) {
            positive(slice, "blockSlice");
            if (slice.toMillis() < 10 || slice.toSeconds() > 10) {
                throw new IllegalArgumentException("blockSlice must be between 10 ms and 10 s: " + slice);
            }
            this.blockSlice = slice;
            return this;
        }

        /**
         * Sets after how long without a live handle a queue's keys expire.
         *
         * @param expiry longer than the lease time
         * @return this builder
         */
        public Builder idleExpiry(Duration expiry) {
            this.idleExpiry = positive(expiry, "idleExpiry");
            return this;
        }

        /**
         * Trusts the certificate authorities of a PEM file for TLS ({@code rediss://}) instead of the
         * JVM's trust store ({@code javax.net.ssl.trustStore}); the server's certificate must still
         * name the host of the URI. This is the {@code tls-ca-cert-file} of a Redis server's own
         * configuration. The file holds no secret; its path travels to task processes with the
         * queue handles they capture, so it must be readable there too.
         *
         * @param pemFile a PEM file with one or more certificates
         * @return this builder
         * @throws IllegalArgumentException if the file cannot be read or holds no certificate
         */
        public Builder trustedCertificates(java.nio.file.Path pemFile) {
            Objects.requireNonNull(pemFile, "pemFile");
            Tls.readCertificates(pemFile);
            this.trustedCertificates = pemFile.toAbsolutePath().toString();
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if the lease settings contradict each other
         */
        public RedisConfig build() {
            return new RedisConfig(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }

    /** A server: scheme, host, port, database. Never credentials. Immutable. */
    static final class Endpoint implements Serializable {
        private static final long serialVersionUID = 1L;
        private final boolean tls;
        private final String host;
        private final int port;
        private final int database;

        Endpoint(boolean tls, String host, int port, int database) {
            if (database < 0) {
                throw new IllegalArgumentException("a Redis database number is 0 or more: " + database);
            }
            this.tls = tls;
            this.host = host;
            this.port = port;
            this.database = database;
        }

        static Endpoint parse(String text) {
            URI u;
            try {
                u = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a Redis URI: " + e.getMessage(), e);
            }
            String scheme = u.getScheme();
            if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
                throw new IllegalArgumentException("a Redis URI starts with redis:// or rediss:// (unix sockets are"
                        + " not supported yet): " + redact(u));
            }
            if (u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("credentials do not belong in a Redis URI (it appears in messages"
                        + " and logs): give them to RedisConfig.Builder.credentials or in " + PASSWORD_ENV + "; got "
                        + redact(u));
            }
            if (u.getHost() == null) {
                throw new IllegalArgumentException("a Redis URI names a host: " + text);
            }
            int db = 0;
            String path = u.getPath();
            if (path != null && !path.isEmpty() && !"/".equals(path)) {
                try {
                    db = Integer.parseInt(path.substring(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the path of a Redis URI is the database number: " + text, e);
                }
            }
            if (u.getRawQuery() != null) {
                throw new IllegalArgumentException("a Redis URI takes no query: " + text);
            }
            return new Endpoint("rediss".equals(scheme), u.getHost(), u.getPort() < 0 ? 6379 : u.getPort(), db);
        }

        private static String redact(URI u) {
            return (u.getScheme() == null ? "" : u.getScheme() + "://") + (u.getRawUserInfo() != null ? "***@" : "")
                    + (u.getHost() == null ? "" : u.getHost()) + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        }

        Endpoint withDatabase(int db) {
            return new Endpoint(tls, host, port, db);
        }

        Endpoint withTls(boolean t) {
            return new Endpoint(t, host, port, database);
        }

        boolean tls() {
            return tls;
        }

        String host() {
            return host;
        }

        int port() {
            return port;
        }

        int database() {
            return database;
        }

        String uri() {
            String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
            return (tls ? "rediss" : "redis") + "://" + h + ":" + port + "/" + database;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Endpoint)) {
                return false;
            }
            Endpoint e = (Endpoint) o;
            return tls == e.tls && port == e.port && database == e.database && host.equals(e.host);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tls, host, port, database);
        }

        @Override
        public String toString() {
            return uri();
        }
    }
}
