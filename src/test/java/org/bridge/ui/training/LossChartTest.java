package org.bridge.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bridge.distill.StudentTrainingListener.LossPoint;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** The live chart's data handling, without a window. */
class LossChartTest {

    private static LossPoint point(long i, double total, double cls, double reg) {
        return new LossPoint("fine-tune", 1, (int) i + 1, i, total, cls, reg, 1e-3);
    }

    @Test
    void aBatchChangesTheChartOnceAndSkipsLossesThePhaseDoesNotTrain() {
        LossChart c = new LossChart();
        AtomicInteger changes = new AtomicInteger();
        c.chart().addChangeListener(e -> changes.incrementAndGet());
        List<LossPoint> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // A classification-only phase: regression is NaN.
            batch.add(point(i, 5 - i * 0.01, 4.9 - i * 0.01, Double.NaN));
        }
        c.add(batch, List.of(49.5));
        assertEquals(1, changes.get(), "one redraw per batch");
        assertEquals(50, c.total().getItemCount());
        assertEquals(50, c.classification().getItemCount());
        assertEquals(0, c.regression().getItemCount());
        assertEquals(1, c.epochMarkers());
        XYPlot plot = c.chart().getXYPlot();
        assertEquals(49.5, ((org.jfree.chart.plot.ValueMarker) plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)
                .iterator().next()).getValue());

        c.add(List.of(point(50, Double.NaN, Double.NaN, 0.3)), null);
        assertEquals(2, changes.get());
        assertEquals(50, c.total().getItemCount());
        assertEquals(1, c.regression().getItemCount());

        c.clear();
        assertEquals(0, c.pointCount());
        assertEquals(0, c.epochMarkers());
        assertTrue(Double.isNaN(c.lastX()));
    }

    @Test
    void exportsAsPngAndSvg(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        LossChart c = new LossChart();
        List<LossPoint> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(point(i, 3 * Math.exp(-i / 50.0) + 0.5, 3 * Math.exp(-i / 50.0), 0.5));
        }
        c.add(batch, List.of(99.5));
        java.nio.file.Path png = dir.resolve("loss.png");
        java.nio.file.Path svg = dir.resolve("loss.svg");
        org.bridge.ui.charts.ChartExport.save(c.chart(), png);
        org.bridge.ui.charts.ChartExport.save(c.chart(), svg);
        BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(org.bridge.ui.charts.ChartExport.DEFAULT_WIDTH, img.getWidth());
        String text = java.nio.file.Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("classification") && text.contains("iteration"));
    }

    @Test
    void logScaleSwapsTheRangeAxis() {
        LossChart c = new LossChart();
        assertFalse(c.isLogScale());
        c.setLogScale(true);
        assertTrue(c.chart().getXYPlot().getRangeAxis() instanceof LogAxis);
        c.setLogScale(false);
        assertFalse(c.chart().getXYPlot().getRangeAxis() instanceof LogAxis);
    }

    @Test
    void aHundredThousandPointsStayFastToAddAndToDraw() {
        LossChart c = new LossChart();
        int n = 100_000;
        long t0 = System.nanoTime();
        for (int b = 0; b < n / 500; b++) {
            List<LossPoint> batch = new ArrayList<>(500);
            for (int i = 0; i < 500; i++) {
                long x = b * 500L + i;
                batch.add(point(x, 5 * Math.exp(-x / 20000.0) + 0.1 * Math.sin(x), 4 * Math.exp(-x / 20000.0), 0.5));
            }
            c.add(batch, b % 20 == 19 ? List.of(b * 500.0 + 499.5) : null);
        }
        double addMs = (System.nanoTime() - t0) / 1e6;
        BufferedImage img = new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        c.chart().draw(g, new java.awt.Rectangle(0, 0, 900, 600)); // warm-up
        long t1 = System.nanoTime();
        c.chart().draw(g, new java.awt.Rectangle(0, 0, 900, 600));
        double drawMs = (System.nanoTime() - t1) / 1e6;
        c.setLogScale(true);
        long t2 = System.nanoTime();
        c.chart().draw(g, new java.awt.Rectangle(0, 0, 900, 600));
        double logDrawMs = (System.nanoTime() - t2) / 1e6;
        g.dispose();
        assertEquals(3 * n, c.pointCount());
        assertEquals(10, c.epochMarkers());
        System.out.printf("LossChart: %d points added in %.0f ms (200 batches), one full draw %.0f ms, log scale %.0f ms%n",
                3 * n, addMs, drawMs, logDrawMs);
        // Generous bounds for a shared 2-core machine; a renderer without sampling takes seconds here.
        // Each batch must cost O(batch): re-scanning all points per batch (JFreeChart's default) took 2-3 s here.
        assertTrue(addMs < 1500, "adding took " + addMs + " ms");
        assertTrue(drawMs < 1500, "drawing took " + drawMs + " ms");
    }
}
