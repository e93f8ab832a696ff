package org.jbilliard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * TLS settings built from {@link RedisConfig#trustedCertificates()}: a trust store holding exactly
 * the certificates of a PEM file, and the recognition of a refused handshake. Stateless.
 *
 * <p><b>Thread-safety.</b> Thread-safe (static methods, no state).
 */
final class Tls {

    private Tls() {
    }

    /** The certificates of a PEM file; a clear error if there are none. */
    static List<Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pem);
            }
            return new ArrayList<>(certs);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trusted certificates " + pem + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM file of certificates: " + pem + ": " + e.getMessage(), e);
        }
    }

    /**
     * The password of the in-memory trust store: it guards nothing (the store holds public
     * certificates only and never leaves this process), but PKCS12 wants one.
     */
    static final char[] STORE_PASSWORD = "jbilliard".toCharArray();

    /** A PKCS12 trust store, in memory, holding exactly the certificates of {@code pem}. */
    static byte[] trustStore(Path pem) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : readCertificates(pem)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            trust.store(out, STORE_PASSWORD.clone());
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trusted certificates " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Whether a failure is a refused TLS handshake (an untrusted or mismatching certificate). */
    static javax.net.ssl.SSLException handshakeFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLHandshakeException e) {
                return e;
            }
            if (c == c.getCause()) {
                break;
            }
        }
        return null;
    }
}
