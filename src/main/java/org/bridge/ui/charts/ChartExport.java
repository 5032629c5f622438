package org.bridge.ui.charts;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bridge.config.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Saves any workbench chart as PNG or SVG (vector, for papers). */
public final class ChartExport {

    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;

    private ChartExport() {
    }

    public static void save(JFreeChart chart, Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".svg")) {
            saveSvg(chart, file, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        } else if (n.endsWith(".png")) {
            savePng(chart, file, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        } else {
            throw new IllegalArgumentException("charts export as .png or .svg, not " + file.getFileName());
        }
    }

    public static void savePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    public static void saveSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        AtomicFiles.writeString(file, g.getSVGDocument());
    }

    static byte[] svgBytes(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }
}
