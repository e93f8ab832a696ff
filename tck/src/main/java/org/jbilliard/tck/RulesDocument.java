package org.jbilliard.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jbilliard.Feature;

/**
 * Renders {@code tck/RULES.md} from {@link Rule}, so that the document cannot drift from the code.
 * A self-test fails when the checked-in document differs from {@link #render()}; regenerate it with
 * {@code ./mvnw -q -pl tck -am test -Dtest=StructureTest -Djbilliard.tck.writeRules=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, or run this class's {@link #main(String[])}.
 *
 * <p>Stateless; thread-safe.
 */
public final class RulesDocument {

    private RulesDocument() {
    }

    /**
     * Writes the document to the given path (default {@code tck/RULES.md}).
     *
     * @param args optional output path
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        Path target = Paths.get(args.length > 0 ? args[0] : "tck/RULES.md");
        Files.writeString(target, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath());
    }

    /**
     * Renders the rules document.
     *
     * @return the Markdown text
     */
    public static String render() {
        StringBuilder out = new StringBuilder();
        long required = java.util.Arrays.stream(Rule.values()).filter(Rule::required).count();
        out.append("# jbilliard TCK rules\n\n");
        out.append("<!-- Generated from org.jbilliard.tck.Rule by org.jbilliard.tck.RulesDocument: do not edit by hand."
                + " Regenerate with: ./mvnw -q -pl tck -am test -Dtest=StructureTest -Djbilliard.tck.writeRules=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false -->\n\n");
        out.append(Rule.values().length).append(" rules: ").append(required).append(" required, ")
                .append(Rule.values().length - required).append(" optional.\n\n");
        out.append("A rule is **required** unless it needs a feature (`Context.features()`); an optional rule is"
                + " *not verified* for an implementation that does not declare its feature. Rules marked"
                + " \"`X` absent\" check the declared absence of a feature (e.g. `qsize()` must throw"
                + " `UnsupportedOperationException` without `QSIZE`); they apply only where the feature is not"
                + " declared. Sources name a member of the seed specification (billiard's queues page) or a row of"
                + " `docs/BEHAVIOUR.md`.\n\n");
        out.append("Crash rules (`CRASH-*`) kill a participant with `TaskProcess.kill()` and say whether their crash"
                + " point is *deterministic* (the victim announced where it is and is blocked there) or *sampled*"
                + " (the kill lands wherever the victim is). They only give evidence against real processes: an"
                + " in-JVM implementation can only simulate a kill. Stalled-participant rules (`STALL-*`) stop a"
                + " child with `SIGSTOP` by its pid and continue it with `SIGCONT` (Linux, `CROSS_PROCESS`), or"
                + " through `org.jbilliard.tck.support.Suspendable`.\n\n");
        out.append("Features: ");
        for (Feature feature : Feature.values()) {
            out.append('`').append(feature).append('`').append(feature.ordinal() + 1 < Feature.values().length ? ", "
                    : ".\n\n");
        }
        out.append("| ID | level | features | title | source |\n|---|---|---|---|---|\n");
        for (Rule rule : Rule.values()) {
            out.append("| [").append(rule.id()).append("](#").append(anchor(rule.id())).append(") | ")
                    .append(rule.level()).append(" | ").append(rule.need().describe()).append(" | ")
                    .append(cell(rule.title())).append(" | ").append(cell(rule.source())).append(" |\n");
        }
        out.append('\n');
        for (Rule rule : Rule.values()) {
            out.append("## ").append(rule.id()).append("\n\n");
            out.append("**").append(rule.title()).append("** — ").append(rule.level());
            if (!rule.need().describe().equals("-")) {
                out.append(", features: ").append(rule.need().describe());
            }
            out.append("\n\n- Source: ").append(rule.source()).append('\n');
            out.append("- Intent: ").append(rule.intent()).append('\n');
            out.append("- If this fails, check: ").append(rule.hint()).append("\n\n");
        }
        return out.toString();
    }

    private static String anchor(String id) {
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
