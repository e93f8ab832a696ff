package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.jbilliard.TaskFailure;
import org.junit.jupiter.api.Test;

/** The one-line reasons the report gives when jbilliard cannot be measured. */
class JbilliardContenderTest {

    @Test
    void namesTheReferenceClassThatIsNotImplementedYet() {
        UnsupportedOperationException missing = new UnsupportedOperationException("not yet implemented");
        missing.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.jbilliard.reference.queue.PipeQueues", "create", "PipeQueues.java", 25),
            new StackTraceElement("org.jbilliard.benchmarks.JbilliardContender", "endpoints", "x.java", 1)});
        assertThat(JbilliardContender.describe(new IllegalStateException("wrapped", missing)))
                .isEqualTo("jbilliard: PipeQueues not implemented yet (PipeQueues.create: not yet implemented)");
    }

    @Test
    void otherwiseListsTheCauseChainWithRemoteFailures() {
        TaskFailure remote = new TaskFailure("java.io.IOException", "pipe broke", new StackTraceElement[0], null);
        assertThat(JbilliardContender.describe(new IllegalStateException("child TaskProcess-3 exited with 1", remote)))
                .isEqualTo("jbilliard: IllegalStateException: child TaskProcess-3 exited with 1;"
                        + " caused by java.io.IOException: pipe broke");
    }
}
