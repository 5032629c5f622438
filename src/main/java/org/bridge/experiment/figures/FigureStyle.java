package org.bridge.experiment.figures;

import java.awt.Color;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/** One look for every figure: white background, light grid, legend at the bottom. */
final class FigureStyle {

    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private FigureStyle() {
    }

    static JFreeChart apply(JFreeChart chart, Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        } else if (plot instanceof CategoryPlot c) {
            c.setRangeGridlinePaint(GRID);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }
}
