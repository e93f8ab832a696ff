package org.jbilliard.redis;

import org.jbilliard.Codec;

/**
 * The codec id a queue records in {@code meta.codec}, and back. A codec whose {@link Codec#id()} names
 * a language-neutral format (ids such as {@code cbor} and {@code pickle}, which other languages
 * implement alike) is recorded by that id; any other is named {@code java:<class name>}. Participants
 * with different ids are refused.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class CodecIds {

    private static final String JAVA = "java:";

    private CodecIds() {
    }

    static String idOf(Codec codec) {
        // A codec that names a language-neutral format (Codec.id() other than its class name, such
        // as the codecs module's "cbor" and "pickle") is recorded by that name, so that clients in
        // other languages can check it.
        String id = codec.id();
        if (id != null && !id.isEmpty() && !id.equals(codec.getClass().getName()) && !id.startsWith(JAVA)) {
            return id;
        }
        return JAVA + codec.getClass().getName();
    }

    /**
     * Instantiates the codec a queue records, for an attach by address.
     *
     * @throws IllegalArgumentException if this JVM cannot provide it
     */
    static Codec forId(String id, String address) {
        if (id != null && !id.startsWith(JAVA)) {
            for (Codec codec : java.util.ServiceLoader.load(Codec.class)) {
                if (id.equals(codec.id())) {
                    return codec;
                }
            }
        }
        if (id == null || !id.startsWith(JAVA)) {
            throw new IllegalArgumentException("the queue at " + address + " uses the codec '" + id
                    + "', which this JVM does not find by itself: attach with that codec named (e.g. "
                    + "RedisContext.attachQueue(address, new PickleCodec()); unpickling is opt-in), or put a codec"
                    + " with that Codec.id() on the class path as a java.util.ServiceLoader Codec service");
        }
        String name = id.substring(JAVA.length());
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(name, true, loader != null ? loader : CodecIds.class.getClassLoader());
            if (!Codec.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("the queue at " + address + " names the codec " + name
                        + ", which is not an org.jbilliard.Codec");
            }
            return (Codec) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("cannot load the codec " + name + " of the queue at " + address
                    + " (it needs a public no-argument constructor on this class path): " + e, e);
        }
    }
}
