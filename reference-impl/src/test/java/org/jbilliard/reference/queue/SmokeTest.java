package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jbilliard.Queue;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void roundTrip() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try {
            q.put("a");
            q.put(1);
            q.put(null);
            assertThat(q.qsize()).isEqualTo(3);
            assertThat(q.get()).isEqualTo("a");
            assertThat(q.get(Duration.ofSeconds(1))).isEqualTo(1);
            assertThat(q.getNowait()).isNull();
            assertThat(q.empty()).isTrue();
        } finally {
            q.close();
        }
    }
}
