package org.jbilliard.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.reference.codec.StandardCodec;
import org.jbilliard.reference.queue.PipeQueues;
import org.junit.jupiter.api.Test;

class ReferenceContextTest {

    @Test
    void serviceLoaderFindsTheReferenceContextByDefaultAndByName() {
        assertThat(Context.load()).isInstanceOf(ReferenceContext.class);
        assertThat(Context.load("reference")).isInstanceOf(ReferenceContext.class);
        assertThat(new ReferenceContext().name()).isEqualTo("reference");
    }

    @Test
    void declaresItsFeaturesInAnUnmodifiableSet() {
        Context context = new ReferenceContext();
        assertThat(context.features()).contains(Feature.CROSS_PROCESS, Feature.SIGNALS);
        assertThat(context.supports(Feature.SIGNALS)).isTrue();
        assertThatThrownBy(() -> context.features().add(Feature.QSIZE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void defaultCodecAndItemLimitComeFromTheQueueLayer() {
        Context context = new ReferenceContext();
        assertThat(context.defaultCodec()).isInstanceOf(StandardCodec.class);
        assertThat(context.maxItemBytes()).isEqualTo(PipeQueues.maxItemBytes()).isPositive();
    }
}
