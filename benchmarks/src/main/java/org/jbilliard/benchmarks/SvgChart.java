package org.jbilliard.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws chart.svg: one panel per workload and metric, a bar per implementation that runs the
 * workload (median) with a whisker from min to max, each panel on its own linear scale starting at
 * zero.
 *
 * <p>Stateless; thread-safe.
 */
public final class SvgChart {

    private static final int WIDTH = 820;
    private static final int LABEL_WIDTH = 90;
    private static final int BAR_AREA = 520;
    private static final int BAR_HEIGHT = 14;
    private static final int BAR_GAP = 6;
    private static final int PANEL_HEADER = 22;
    private static final int PANEL_GAP = 14;
    private static final Map<String, String> COLOURS = Map.of(
            Impl.JBILLIARD.id(), "#1f77b4", Impl.BILLIARD.id(), "#ff7f0e", Impl.RAW_PIPE.id(), "#7f7f7f",
            Impl.SHM_ANCHOR.id(), "#2ca02c", Impl.JBILLIARD_REDIS.id(), "#d62728", Impl.REDIS_PY.id(), "#9467bd");

    private SvgChart() {
    }

    /**
     * Renders the cross-process figures of a report (JMH figures are left out).
     *
     * @param report the report
     * @return the SVG document
     */
    public static String render(Report report) {
        Map<String, Map<String, Result>> panels = new LinkedHashMap<>();
        for (Result result : report.results()) {
            if (result.metric() != Metric.TIME_PER_OP) {
                panels.computeIfAbsent(result.workload() + " — " + result.metric().id() + " ("
                        + result.metric().unit() + ", " + (result.metric().higherIsBetter() ? "higher" : "lower")
                        + " is better)" + ratios(report, result), k -> new LinkedHashMap<>())
                        .put(result.impl(), result);
            }
        }
        Map<String, List<Impl>> barsOf = new LinkedHashMap<>();
        int height = 40;
        for (Map.Entry<String, Map<String, Result>> panel : panels.entrySet()) {
            List<Impl> bars = bars(panel.getValue().values().iterator().next().workload());
            barsOf.put(panel.getKey(), bars);
            height += panelHeight(bars);
        }
        if (panels.isEmpty()) {
            height += panelHeight(LOCAL_BARS);
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">")
                .append(escape("jbilliard vs billiard vs raw pipe vs agrona shm; jbilliard-redis vs redis-py"
                        + " (median, whisker = min–max)")).append("</text>\n");
        if (panels.isEmpty()) {
            svg.append("<text x=\"10\" y=\"60\">no cross-process figures were measured</text>\n");
        }
        int y = 40;
        for (Map.Entry<String, Map<String, Result>> panel : panels.entrySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>\n",
                    y + 14, escape(panel.getKey())));
            double scale = panel.getValue().values().stream().mapToDouble(r -> r.summary().max()).max().orElse(1);
            int barY = y + PANEL_HEADER;
            List<Impl> bars = barsOf.get(panel.getKey());
            for (Impl impl : bars) {
                Result result = panel.getValue().get(impl.id());
                svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>\n",
                        barY + BAR_HEIGHT - 3, impl.id()));
                if (result == null) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#999\">not measured</text>\n",
                            LABEL_WIDTH, barY + BAR_HEIGHT - 3));
                } else {
                    Summary s = result.summary();
                    double median = width(s.median(), scale);
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                            LABEL_WIDTH, barY, median, BAR_HEIGHT, COLOURS.get(impl.id())));
                    double from = LABEL_WIDTH + width(s.min(), scale);
                    double to = LABEL_WIDTH + width(s.max(), scale);
                    int mid = barY + BAR_HEIGHT / 2;
                    svg.append(String.format(Locale.ROOT,
                            "<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" stroke=\"black\" stroke-width=\"1\"/>\n",
                            from, mid, to, from, mid - 4, mid + 4, to, mid - 4, mid + 4));
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
                            Math.max(to, LABEL_WIDTH + median) + 6, barY + BAR_HEIGHT - 3,
                            escape(Format.number(s.median()) + " " + result.metric().unit())));
                }
                barY += BAR_HEIGHT + BAR_GAP;
            }
            y += panelHeight(bars);
        }
        return svg.append("</svg>\n").toString();
    }

    /** The bars of the local workloads' panels, and of figures of unknown workloads. */
    private static final List<Impl> LOCAL_BARS = List.of(Impl.JBILLIARD, Impl.BILLIARD, Impl.RAW_PIPE, Impl.SHM_ANCHOR);

    /** The implementations that run a workload, in the chart's order. */
    private static List<Impl> bars(String workload) {
        return Workload.find(workload)
                .map(w -> java.util.Arrays.stream(Impl.values()).filter(w::covers).toList())
                .orElse(LOCAL_BARS);
    }

    private static int panelHeight(List<Impl> bars) {
        return PANEL_HEADER + bars.size() * (BAR_HEIGHT + BAR_GAP) + PANEL_GAP;
    }

    /** Says, after a panel's title, how jbilliard compares with the others on that figure. */
    private static String ratios(Report report, Result result) {
        List<String> parts = report.ratios().stream()
                .filter(r -> r.workload().equals(result.workload()) && r.metric() == result.metric()
                        && !r.vs().startsWith(Impl.JBILLIARD.id()))
                .map(r -> Format.ratio(r.ratio()) + " " + r.vs())
                .toList();
        Impl subject = Workload.find(result.workload()).map(Workload::subject).orElse(Impl.JBILLIARD);
        return parts.isEmpty() ? "" : ": " + subject.id() + " = " + String.join(", ", parts);
    }

    private static double width(double value, double scale) {
        return scale <= 0 ? 0 : Math.max(0, value / scale * BAR_AREA);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
