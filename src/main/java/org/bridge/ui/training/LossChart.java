package org.bridge.ui.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The live training chart: total, classification and regression loss per iteration (x = the
 * training's global iteration, so a resumed run continues its curve), a marker at each epoch's
 * end and an optional log scale. Points are added in batches without notifying, then each series
 * fires one change and the chart redraws once; {@link SamplingXYLineRenderer} draws at most a few
 * segments per pixel column, so 10^5 points stay fast. Losses a phase does not train are NaN and
 * are skipped. JFreeChart only: no JavaFX here (the tab wraps it in a ChartViewer).
 */
public final class LossChart {

    private final XYSeries total = series("total");
    private final XYSeries classification = series("classification");
    private final XYSeries regression = series("regression");
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final XYPlot plot;
    private final JFreeChart chart;
    private final NumberAxis linearAxis = new NumberAxis("loss");
    private final LogAxis logAxis = new LogAxis("loss (log scale)");
    private int epochMarkers;
    private double lastX = Double.NaN;

    public LossChart() {
        data.addSeries(total);
        data.addSeries(classification);
        data.addSeries(regression);
        // A fixed interval width: otherwise every change re-scans all points to guess bar widths
        // (XYSeriesCollection's IntervalXYDelegate), which makes each batch O(all points).
        data.setIntervalWidth(1.0);
        NumberAxis x = new NumberAxis("iteration");
        x.setAutoRangeIncludesZero(false);
        linearAxis.setAutoRangeIncludesZero(false);
        logAxis.setSmallestValue(1e-6);
        SamplingXYLineRenderer renderer = new CachedBoundsRenderer();
        renderer.setSeriesPaint(0, new Color(0x22, 0x31, 0x3f));
        renderer.setSeriesPaint(1, new Color(0x2f, 0x6f, 0xb3));
        renderer.setSeriesPaint(2, new Color(0xd0, 0x6b, 0x1f));
        for (int i = 0; i < 3; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        plot = new XYPlot(data, x, linearAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        chart = new JFreeChart("Training loss", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
    }

    /**
     * JFreeChart's renderers find the axis ranges by visiting every point of every visible series
     * on each change, O(all points) per batch; the series already keep their bounds, so use them.
     */
    private static final class CachedBoundsRenderer extends SamplingXYLineRenderer {
        private static final long serialVersionUID = 1L;

        @Override
        public org.jfree.data.Range findDomainBounds(org.jfree.data.xy.XYDataset dataset) {
            return dataset == null ? null : org.jfree.data.general.DatasetUtils.findDomainBounds(dataset, false);
        }

        @Override
        public org.jfree.data.Range findRangeBounds(org.jfree.data.xy.XYDataset dataset) {
            return dataset == null ? null : org.jfree.data.general.DatasetUtils.findRangeBounds(dataset, false);
        }

        /** The sampling renderer's legend has no visible swatch: show each series as a short thick line. */
        @Override
        public org.jfree.chart.LegendItem getLegendItem(int datasetIndex, int series) {
            org.jfree.chart.LegendItem base = super.getLegendItem(datasetIndex, series);
            if (base == null) {
                return null;
            }
            org.jfree.chart.LegendItem item = new org.jfree.chart.LegendItem(base.getLabel(), base.getDescription(),
                    base.getToolTipText(), base.getURLText(), new java.awt.geom.Line2D.Double(-9, 0, 9, 0),
                    new BasicStroke(3f), lookupSeriesPaint(series));
            item.setDataset(base.getDataset());
            item.setDatasetIndex(datasetIndex);
            item.setSeriesKey(base.getSeriesKey());
            item.setSeriesIndex(series);
            return item;
        }
    }

    private static XYSeries series(String name) {
        // Not sorted (x arrives in order), duplicates allowed: add() stays O(1).
        return new XYSeries(name, false, true);
    }

    public JFreeChart chart() {
        return chart;
    }

    public XYSeries total() {
        return total;
    }

    public XYSeries classification() {
        return classification;
    }

    public XYSeries regression() {
        return regression;
    }

    public int epochMarkers() {
        return epochMarkers;
    }

    /** Points drawn so far, over all series. */
    public int pointCount() {
        return total.getItemCount() + classification.getItemCount() + regression.getItemCount();
    }

    /**
     * Adds a batch of points and epoch ends (in their order of arrival); the chart redraws once.
     *
     * @param points  loss points
     * @param epochEnds how many epochs ended after each point: an epoch marker goes after the last
     *                  point before it (pass null when none did)
     */
    public void add(List<LossPoint> points, List<Double> epochEnds) {
        if (points.isEmpty() && (epochEnds == null || epochEnds.isEmpty())) {
            return;
        }
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            for (LossPoint p : points) {
                double x = p.globalIteration();
                addIfFinite(total, x, p.total());
                addIfFinite(classification, x, p.classification());
                addIfFinite(regression, x, p.regression());
                lastX = x;
            }
            if (epochEnds != null) {
                for (double x : epochEnds) {
                    ValueMarker m = new ValueMarker(x, new Color(0x99, 0x99, 0x99), new BasicStroke(0.8f,
                            BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
                    plot.addDomainMarker(0, m, Layer.BACKGROUND, false);
                    epochMarkers++;
                }
            }
            total.fireSeriesChanged();
            classification.fireSeriesChanged();
            regression.fireSeriesChanged();
        } finally {
            chart.setNotify(notify); // one redraw for the whole batch
        }
    }

    /** The x of the latest point, where an epoch that ends now gets its marker; NaN before any. */
    public double lastX() {
        return lastX;
    }

    private static void addIfFinite(XYSeries s, double x, double y) {
        if (Double.isFinite(y)) {
            s.add(x, y, false);
        }
    }

    /** Forgets all points and markers (a new run starts). */
    public void clear() {
        chart.setNotify(false);
        try {
            total.clear();
            classification.clear();
            regression.clear();
            plot.clearDomainMarkers();
            epochMarkers = 0;
            lastX = Double.NaN;
        } finally {
            chart.setNotify(true);
        }
    }

    public boolean isLogScale() {
        return plot.getRangeAxis() == logAxis;
    }

    public void setLogScale(boolean log) {
        ValueAxis axis = log ? logAxis : linearAxis;
        if (plot.getRangeAxis() != axis) {
            plot.setRangeAxis(axis);
        }
    }
}
