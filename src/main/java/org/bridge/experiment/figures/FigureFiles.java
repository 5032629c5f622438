package org.bridge.experiment.figures;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bridge.config.AtomicFiles;
import org.bridge.experiment.RunRecord;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes the paper's figures as files: {@code DIR/fig4.svg} (vector, for the paper) and
 * {@code DIR/fig4.png} of the same drawing, each written whole or not at all.
 */
public final class FigureFiles {

    public static final int DEFAULT_WIDTH = 1000;
    public static final int DEFAULT_HEIGHT = 700;

    private FigureFiles() {
    }

    /** Draws {@code figure} from {@code records} into {@code dir} (made if missing); returns the files written. */
    public static List<Path> write(PaperFigure figure, List<RunRecord> records, Path dir, int width, int height)
            throws IOException {
        checkSize(width, height);
        JFreeChart chart = figure.chart(records);
        Files.createDirectories(dir);
        Path svg = dir.resolve(figure.stem() + ".svg");
        Path png = dir.resolve(figure.stem() + ".png");
        AtomicFiles.writeString(svg, svg(chart, width, height));
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
        return List.of(svg, png);
    }

    /** Every figure the runs can draw; a figure with nothing to draw is skipped and named in {@code skipped}. */
    public static List<Path> writeAll(List<RunRecord> records, Path dir, int width, int height, List<String> skipped)
            throws IOException {
        checkSize(width, height);
        List<Path> out = new ArrayList<>();
        for (PaperFigure f : PaperFigure.values()) {
            try {
                out.addAll(write(f, records, dir, width, height));
            } catch (IllegalArgumentException nothingToDraw) {
                skipped.add(nothingToDraw.getMessage());
            }
        }
        return out;
    }

    private static void checkSize(int width, int height) {
        if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException("a figure is 100 to 10000 pixels wide and high, not " + width + " x "
                    + height);
        }
    }

    static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument();
    }
}
