package org.jbilliard.reference.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.runner.RuleResult;
import org.jbilliard.tck.runner.RuleStatus;
import org.jbilliard.tck.runner.TckReport;
import org.jbilliard.tck.runner.TckRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two rules about the item size limit catch a reference context whose handles ignore the limit it
 * declares: the context says 16 MiB, as the TCK run's does, but its queues are made at the default 1 GiB.
 * An oversized {@code Queue.put} then returns; an oversized {@code SimpleQueue.sendPayload} blocks writing
 * into a pipe nobody reads until the TCK cuts it off.
 */
class ItemLimitMutantTest {

    @Test
    void tooLargeRulesFailOnAContextWhoseHandlesIgnoreItsLimit(@TempDir Path reports) {
        Context ignoresLimit = new DeclaresLimitOnly(new ReferenceContext(), ReferenceContextTckTest.TCK_MAX_ITEM_BYTES);
        Set<Rule> rules = EnumSet.of(Rule.Q_TOOLARGE_01, Rule.SQ_TOOLARGE_01);
        TckReport report = TckRunner.run(ignoresLimit, reports, TckEnvironment.current(),
                new PrintStream(OutputStream.nullOutputStream()), rules, false);
        assertThat(report.results()).filteredOn(r -> rules.contains(r.rule())).hasSize(2).allSatisfy(result -> {
            assertThat(result.status()).as("%s", result).isEqualTo(RuleStatus.FAILED);
            // the oversized call is named: it returned (Queue.put) or blocked writing (SimpleQueue.sendPayload)
            assertThat(result.message()).as("%s", result).contains("maxItemBytes + 1");
        });
        assertThat(report.results()).filteredOn(r -> r.status() == RuleStatus.FAILED).extracting(RuleResult::rule)
                .containsExactlyInAnyOrderElementsOf(rules);
    }

    /** The reference context, declaring a limit its handles do not have. Thread-safe as the reference. */
    private static final class DeclaresLimitOnly implements Context {
        private final Context real;
        private final int declared;

        DeclaresLimitOnly(Context real, int declared) {
            this.real = real;
            this.declared = declared;
        }

        @Override
        public String name() {
            return "reference, ignoring its item limit";
        }

        @Override
        public Set<Feature> features() {
            return real.features();
        }

        @Override
        public int maxItemBytes() {
            return declared;
        }

        @Override
        public Codec defaultCodec() {
            return real.defaultCodec();
        }

        @Override
        public <T> Queue<T> queue(int maxsize, Codec codec) {
            return real.queue(maxsize, codec);
        }

        @Override
        public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
            return real.joinableQueue(maxsize, codec);
        }

        @Override
        public <T> SimpleQueue<T> simpleQueue(Codec codec) {
            return real.simpleQueue(codec);
        }

        @Override
        public TaskProcess process(Task task, ProcessOptions options) {
            return real.process(task, options);
        }
    }
}
