package org.bridge.experiment.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import com.google.gson.JsonObject;

import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.report.RunCurves;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.report.RunsSnapshot;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PaperFiguresTest {

    @TempDir Path runs;
    @TempDir Path out;

    private List<RunRecord> records;

    /** S-16-c-O and S-32-c-O with seeds 1-3 on both splits; S-16-sc-E with one seed on split A. */
    @BeforeEach
    void writeRuns() {
        RunStore store = new RunStore(runs);
        for (String student : List.of("S-16-c-O", "S-32-c-O")) {
            for (long seed = 1; seed <= 3; seed++) {
                RunFolderFixture fx = new RunFolderFixture(store).student(student, "O").seed(seed)
                        .separation(0.1 * seed + ("S-32-c-O".equals(student) ? 0.15 : 0));
                fx.write("A");
                RunFolder b = fx.write("B");
                // Top-1 that differs by seed, so Fig. 6 has a spread to show.
                JsonObject r = b.readJson(RunFolder.RESULTS).orElseThrow();
                r.addProperty("top1", 0.6 + 0.05 * seed);
                b.writeJson(RunFolder.RESULTS, r);
            }
        }
        new RunFolderFixture(store).student("S-16-sc-E", "E").write("A");
        records = RunsSnapshot.read(store).tabled();
    }

    private static double[] meanStd(double... v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1))};
    }

    private List<ResultsTable.Row> rowsOf(String student) {
        return ResultsTable.of(records).rows().stream().filter(r -> r.student().equals(student)).toList();
    }

    @Test
    void fig4PointsAreTheSeedMeanWithErrorBarsOfTheSeedStd() {
        YIntervalSeriesCollection data = ResolutionFigure.dataset(RunGroup.of(records));
        int c = data.indexOf("S-p-c-O");
        assertTrue(c >= 0, "series S-p-c-O");
        assertEquals(2, data.getItemCount(c), "p = 16 and p = 32");
        for (int i = 0; i < 2; i++) {
            int p = (int) data.getXValue(c, i);
            List<ResultsTable.Row> seeds = rowsOf("S-" + p + "-c-O");
            assertEquals(3, seeds.size());
            double[] ms = meanStd(seeds.stream().mapToDouble(r -> 100 * r.accuracy()).toArray());
            assertTrue(ms[1] > 0.1, "the seeds differ: " + ms[1]);
            assertEquals(ms[0], data.getYValue(c, i), 1e-9);
            assertEquals(ms[0] - ms[1], data.getStartYValue(c, i), 1e-9);
            assertEquals(ms[0] + ms[1], data.getEndYValue(c, i), 1e-9);
        }
        // One seed on one split: no error bar, and the series says it is a half of LFW.
        int sc = data.indexOf("S-p-sc-E (split A)");
        assertTrue(sc >= 0, "series of the split-A student");
        assertEquals(data.getYValue(sc, 0), data.getStartYValue(sc, 0), 0);
        assertEquals(data.getYValue(sc, 0), data.getEndYValue(sc, 0), 0);
    }

    @Test
    void everySeriesColourOfEveryFigureStandsOutOnWhite() {
        List<RunGroup> rows = RunGroup.of(records);
        org.jfree.chart.plot.XYPlot fig4 = ResolutionFigure.chart(ResolutionFigure.dataset(rows)).getXYPlot();
        org.jfree.chart.plot.XYPlot fig5 = RocFigure.chart(rows).getXYPlot();
        org.jfree.chart.plot.CategoryPlot fig6 = TopKFigure.chart(TopKFigure.dataset(rows)).getCategoryPlot();
        List<java.awt.Paint> paints = new ArrayList<>();
        for (org.jfree.chart.plot.XYPlot p : List.of(fig4, fig5)) {
            for (int i = 0; i < p.getDataset().getSeriesCount(); i++) {
                paints.add(((org.jfree.chart.renderer.AbstractRenderer) p.getRenderer()).lookupSeriesPaint(i));
            }
        }
        for (int i = 0; i < fig6.getDataset().getRowCount(); i++) {
            paints.add(((org.jfree.chart.renderer.AbstractRenderer) fig6.getRenderer()).lookupSeriesPaint(i));
        }
        assertTrue(paints.size() >= 6, "series drawn: " + paints.size());
        for (java.awt.Paint p : paints) {
            double contrast = contrastOnWhite((java.awt.Color) p);
            assertTrue(contrast >= 3.0, p + " has contrast " + contrast + " on white");
        }
        // More students than colours still cycle through the readable ones only.
        for (int i = 0; i < 2 * FigureStyle.SERIES.length; i++) {
            assertTrue(contrastOnWhite((java.awt.Color) ((org.jfree.chart.renderer.AbstractRenderer) fig5.getRenderer()).lookupSeriesPaint(i)) >= 3.0, "series " + i);
        }
    }

    /** WCAG's contrast ratio of a colour against white. */
    private static double contrastOnWhite(java.awt.Color c) {
        double[] v = new double[3];
        int[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) {
            double x = rgb[i] / 255.0;
            v[i] = x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
        }
        double luminance = 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
        return 1.05 / (luminance + 0.05);
    }

    @Test
    void fig6BarsAreTheSeedMeanAndStdOfTopOneAndTopFive() {
        DefaultStatisticalCategoryDataset data = TopKFigure.dataset(RunGroup.of(records));
        String label = "S-16-c-O (3 seeds)";
        List<ResultsTable.Row> seeds = rowsOf("S-16-c-O");
        double[] top1 = meanStd(seeds.stream().mapToDouble(r -> 100 * r.top1()).toArray());
        double[] top5 = meanStd(seeds.stream().mapToDouble(r -> 100 * r.top5()).toArray());
        assertEquals(top1[0], data.getMeanValue(TopKFigure.TOP1, label).doubleValue(), 1e-9);
        assertEquals(top1[1], data.getStdDevValue(TopKFigure.TOP1, label).doubleValue(), 1e-9);
        assertEquals(2.5, top1[1], 1e-9, "top-1 of split B is 0.65, 0.70, 0.75; split A's 0.5: means 57.5, 60, 62.5");
        assertEquals(top5[0], data.getMeanValue(TopKFigure.TOP5, label).doubleValue(), 1e-9);
        assertEquals(top5[1], data.getStdDevValue(TopKFigure.TOP5, label).doubleValue(), 1e-9);
    }

    @Test
    void fig5HasOneCurvePerRowWithTheSplitsPooledAsTheTablesPoolThem() {
        List<RunGroup> rows = RunGroup.of(records);
        XYSeriesCollection data = RocFigure.dataset(rows);
        assertEquals(rows.size(), data.getSeriesCount(), "one curve per student and seed");
        RunGroup full = rows.stream().filter(RunGroup::isFullLfw).findFirst().orElseThrow();
        int i = data.indexOf(RocFigure.legend(full));
        // Pooled over both halves: a curve of the 120 pairs, not of one split's 60.
        List<Double> fpr = new ArrayList<>();
        for (int k = 0; k < data.getItemCount(i); k++) {
            fpr.add(data.getXValue(i, k));
        }
        assertEquals(1.0, fpr.get(fpr.size() - 1), 1e-9);
        double smallestStep = fpr.stream().filter(x -> x > 0).min(Double::compare).orElseThrow();
        assertEquals(1.0 / 60, smallestStep, 1e-9, "60 mismatched pairs over both halves");
    }

    @Test
    void fig5DrawsNoTwoPointsCloserThanItsResolutionAndKeepsBothEnds() {
        List<RunGroup> rows = RunGroup.of(records);
        XYSeriesCollection data = RocFigure.dataset(rows);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            List<RunCurves.RocPoint> all = RunCurves.roc(rows.get(i));
            int n = data.getItemCount(i);
            assertEquals(all.get(0).fpr(), data.getXValue(i, 0), 0);
            assertEquals(all.get(all.size() - 1).tpr(), data.getYValue(i, n - 1), 0);
            for (int k = 1; k < n - 1; k++) {
                double dx = Math.abs(data.getXValue(i, k) - data.getXValue(i, k - 1));
                double dy = Math.abs(data.getYValue(i, k) - data.getYValue(i, k - 1));
                assertTrue(Math.max(dx, dy) >= RocFigure.RESOLUTION, "point " + k + " of curve " + i);
            }
        }
    }

    @Test
    void everyFigureIsWrittenAsSvgWithItsSeriesNamesAndAsPngOfTheAskedSize() throws Exception {
        for (PaperFigure f : PaperFigure.values()) {
            List<Path> files = FigureFiles.write(f, records, out.resolve("figures"), 640, 480);
            Path svg = files.get(0);
            Path png = files.get(1);
            assertEquals(f.stem() + ".svg", svg.getFileName().toString());
            DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
            // The SVG's DOCTYPE names the W3C DTD; parsing must not fetch it.
            xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = xml.newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", doc.getDocumentElement().getNodeName());
            String text = Files.readString(svg, StandardCharsets.UTF_8);
            List<String> names = switch (f) {
                case FIG4 -> List.of("S-p-c-O", "S-p-sc-E (split A)");
                case FIG5 -> List.of("S-16-c-O A+B", "S-32-c-O A+B (softmax, seed 3)", "S-16-sc-E A");
                case FIG6 -> List.of("S-16-c-O (3 seeds)", "top-1", "top-5");
            };
            for (String n : names) {
                assertTrue(text.contains(n), f + " SVG names " + n);
            }
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(640, image.getWidth(), f.stem());
            assertEquals(480, image.getHeight(), f.stem());
        }
    }

    @Test
    void aFigureWithNothingToDrawSaysSo() {
        List<RunRecord> none = List.of();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FigureFiles.write(PaperFigure.FIG4, none, out, 640, 480));
        assertTrue(e.getMessage().contains("no finished student runs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PaperFigure.parse("fig7"));
    }
}
