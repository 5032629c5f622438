package org.bridge.ui.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.bridge.experiment.figures.FigureStyle;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.report.RunLosses;
import org.bridge.experiment.RunRecord;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training losses of the rows selected in the Results tab, overlaid: one curve per run (a
 * full-LFW row has two, its split A and split B models), loss against global iteration.
 * JFreeChart only; the tab wraps it in a ChartViewer.
 */
final class LossCurves {

    /** One run's losses with its legend text. */
    record Curve(String legend, RunLosses losses) {
    }

    private LossCurves() {
    }

    static JFreeChart create() {
        NumberAxis x = new NumberAxis("iteration");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("loss");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, false));
        FigureStyle.plotOnWhite(plot);
        JFreeChart chart = new JFreeChart("Training loss of the selected runs", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    /** Reads the curves of a row's runs (file access: not on the JavaFX thread). */
    static List<Curve> read(RunGroup g) {
        List<Curve> out = new ArrayList<>();
        for (RunRecord r : g.runs()) {
            String legend = g.runs().size() > 1 ? g.label() + " \u00b7 split " + r.split() : g.label();
            out.add(new Curve(legend, RunLosses.read(r.folder(), RunLosses.DEFAULT_MAX_POINTS)));
        }
        return out;
    }

    /** Puts {@code curves} into {@code chart}, showing the loss {@code kind}; NaN points are left out. */
    static void show(JFreeChart chart, List<List<Curve>> curves, RunLosses.Kind kind) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (List<Curve> row : curves) {
            for (Curve c : row) {
                XYSeries s = new XYSeries(c.legend(), false, true);
                double[] x = c.losses().iteration();
                double[] y = c.losses().values(kind);
                for (int i = 0; i < x.length; i++) {
                    if (!Double.isNaN(y[i])) {
                        s.add(x[i], y[i], false);
                    }
                }
                data.addSeries(s);
            }
        }
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setLabel(kind + " loss");
        for (int i = 0; i < data.getSeriesCount(); i++) {
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(1.3f));
        }
        plot.setDataset(data);
    }
}
