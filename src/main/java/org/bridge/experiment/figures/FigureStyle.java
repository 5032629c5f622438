package org.bridge.experiment.figures;

import java.awt.Color;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * One look for every figure: white background, light grid, legend at the bottom, and series
 * colours that stay readable on white. JFreeChart's own sequence starts with pale yellow and
 * cyan, which all but vanish there; these (Okabe-Ito's dark hues, then a few more) each have a
 * contrast of at least 3:1 against white, WCAG's minimum for lines and marks. The workbench's
 * charts use the same plot look ({@link #plotOnWhite}).
 */
public final class FigureStyle {

    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    static final Color[] SERIES = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7), Color.BLACK,
        new Color(0xB8860B), new Color(0x6A3D9A), new Color(0x8C564B), new Color(0x7F7F7F)};

    private FigureStyle() {
    }

    static JFreeChart apply(JFreeChart chart, Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        plotOnWhite(plot);
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    /** The colour series {@code i} of a plot styled here is drawn in. */
    public static Color seriesColour(int i) {
        return SERIES[i % SERIES.length];
    }

    /** A white plot with a light grid, whose series take their colours from {@link #SERIES} in turn. */
    public static void plotOnWhite(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDrawingSupplier(seriesColours());
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        } else if (plot instanceof CategoryPlot c) {
            c.setDrawingSupplier(seriesColours());
            c.setRangeGridlinePaint(GRID);
        }
    }

    /** A fresh supplier per chart (it hands out colours in turn); shapes and strokes as JFreeChart's. */
    private static DefaultDrawingSupplier seriesColours() {
        return new DefaultDrawingSupplier(SERIES.clone(), DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE);
    }
}
