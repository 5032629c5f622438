package org.bridge.experiment.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.report.SeedGroup;
import org.bridge.experiment.StudentSpec;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Fig. 4: LFW verification accuracy (%) against the input resolution p, one line per student
 * family (supervision, teacher and regression target, with its loss), each point the mean over
 * seeds with an error bar of ± one sample std over seeds (none with a single seed). Points are
 * the results rows of {@code report}: full LFW when both splits are done; a series measured on
 * one split only says so in its name, and one whose settings leak into its own target folds is
 * marked {@code [leak]}, as in the tables.
 */
final class ResolutionFigure {

    static final String TITLE = "Fig. 4: LFW verification accuracy against resolution (mean \u00b1 std over seeds)";

    private ResolutionFigure() {
    }

    /** One series per family; x = p, y = mean accuracy in percent, interval = mean ± std. */
    static YIntervalSeriesCollection dataset(List<RunGroup> rows) {
        boolean severalExperiments = rows.stream().map(g -> g.row().experiment()).distinct().count() > 1;
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        for (SeedGroup g : SeedGroup.of(rows)) {
            StudentSpec s;
            try {
                s = StudentSpec.parse(g.student());
            } catch (IllegalArgumentException notAStudentName) {
                continue;
            }
            boolean leaks = g.seeds().stream().anyMatch(r -> r.row().protocol().leaks());
            String splits = g.splits();
            String name = "S-p-" + s.supervision().name() + "-" + s.teacher().name() + s.target().suffix()
                    + ("softmax".equals(g.loss()) ? "" : " " + g.loss())
                    + (splits.startsWith("A+B") ? "" : " (split " + splits + ")")
                    + (severalExperiments ? " [" + g.experiment() + "]" : "")
                    + (leaks ? " [leak]" : "");
            SeedGroup.Spread a = g.accuracy();
            double mean = 100 * a.mean();
            double std = Double.isNaN(a.std()) ? 0 : 100 * a.std();
            series.computeIfAbsent(name, YIntervalSeries::new).add(s.resolution(), mean, mean - std, mean + std);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        return data;
    }

    static JFreeChart chart(YIntervalSeriesCollection data) {
        if (data.getSeriesCount() == 0) {
            throw new IllegalArgumentException("fig4: no student with a name S-p-x-t among the finished runs");
        }
        NumberAxis x = new NumberAxis("input resolution p (pixels)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("LFW verification accuracy (%)");
        y.setAutoRangeIncludesZero(false);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorStroke(new BasicStroke(1.2f));
        renderer.setCapLength(6);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        return FigureStyle.apply(new JFreeChart(TITLE, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot);
    }
}
