package org.jbilliard.polyglot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jbilliard.Queue;
import org.jbilliard.codecs.CborCodec;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The codecs module's {@link CborCodec}, given to a Redis queue as it is, records the
 * language-neutral id {@code cbor} (its {@code Codec.id()}), so that Python clients read the queue;
 * a Java participant attaching by address without naming a codec gets it back from the id.
 */
class PlainCborCodecOnRedisTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    @Test
    void aQueueCreatedWithCborCodecRecordsCborAndAnAttacherByAddressReadsIt() throws Exception {
        RedisContext ctx = new RedisContext(REDIS.server().config());
        try (Queue<Object> q = ctx.queue(5, new CborCodec())) {
            String id = q.address().substring(q.address().indexOf("#jbq=") + 5);
            try (Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
                assertThat(jedis.hget("jbq:{" + id + "}:meta", "codec")).isEqualTo("cbor");
            }
            q.put(Map.of("job", 1, "args", List.of(1, "x")));
            Queue<Object> attached = ctx.attachQueue(q.address());
            try {
                assertThat(attached.get(Duration.ofSeconds(10))).isEqualTo(Map.of("job", 1, "args", List.of(1, "x")));
            } finally {
                attached.close();
            }
        }
    }
}
