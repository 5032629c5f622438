package org.bridge.experiment.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;

import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.report.RunCurves;
import org.bridge.experiment.report.RunGroup;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Fig. 5: ROC curves (TPR against FPR), one per results row, i.e. per student, loss and seed.
 * A row with both splits is one curve over all its pairs, pooled from the halves' pair scores
 * exactly as the tables pool them ({@link RunCurves#roc}); seeds are not pooled into one curve
 * (each seed's scores are a different model's, so each seed is its own curve).
 */
final class RocFigure {

    static final String TITLE = "Fig. 5: ROC on LFW (one curve per student and seed, over the splits its legend names)";

    private RocFigure() {
    }

    /**
     * The smallest move, in FPR or TPR, between two drawn points: a thousandth, a pixel of a
     * 1,000-pixel plot. Thousands of pairs give thousands of points per curve, which made an SVG of
     * nine curves 7.5 MB for no visible difference.
     */
    static final double RESOLUTION = 1e-3;

    static XYSeriesCollection dataset(List<RunGroup> rows) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (RunGroup g : rows) {
            XYSeries s = new XYSeries(legend(g), false, true);
            List<RunCurves.RocPoint> points = RunCurves.roc(g);
            RunCurves.RocPoint last = null;
            for (int i = 0; i < points.size(); i++) {
                RunCurves.RocPoint p = points.get(i);
                boolean end = i == 0 || i == points.size() - 1;
                if (end || Math.abs(p.fpr() - last.fpr()) >= RESOLUTION || Math.abs(p.tpr() - last.tpr()) >= RESOLUTION) {
                    s.add(p.fpr(), p.tpr(), false);
                    last = p;
                }
            }
            data.addSeries(s);
        }
        return data;
    }

    /** E.g. {@code S-16-c-O A+B (AUC 0.9412)}. */
    static String legend(RunGroup g) {
        ResultsTable.Row r = g.row();
        return String.format(Locale.ROOT, "%s (AUC %.4f)%s", g.label(), r.auc(), r.protocol().leaks() ? " [leak]" : "");
    }

    static JFreeChart chart(List<RunGroup> rows) {
        XYSeriesCollection data = dataset(rows);
        NumberAxis x = new NumberAxis("false positive rate");
        x.setRange(0, 1);
        NumberAxis y = new NumberAxis("true positive rate");
        y.setRange(0, 1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true); // one SVG path per curve, not a line element per segment
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f), Color.GRAY));
        return FigureStyle.apply(new JFreeChart(TITLE, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot);
    }
}
