package org.bridge.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bridge.experiment.RunFolderFixture;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStore;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart adapters without a screen (JFreeChart draws with Java2D, headless). */
class CurveChartsTest {

    @TempDir Path runs;

    private RunGroup row() {
        new RunFolderFixture(new RunStore(runs)).write("A");
        return RunGroup.of(new RunStore(runs).list().stream().map(RunRecord::read).toList()).get(0);
    }

    @Test
    void rocLegendCarriesAccuracyAndTprAtTenPercent() {
        RunGroup g = row();
        String legend = RocChart.legend(g);
        assertTrue(legend.startsWith("S-16-c-O A: "), legend);
        assertTrue(legend.contains(String.format(java.util.Locale.ROOT, "%.2f \u00b1 %.2f %%",
                100 * g.row().accuracy(), 100 * g.row().accuracyStd())), legend);
        assertTrue(legend.contains(String.format(java.util.Locale.ROOT, "TPR@FPR=10%% %.2f %%",
                100 * g.row().tprAtFpr10())), legend);
    }

    @Test
    void theWorkbenchChartsDrawTheirSeriesInTheFiguresReadableColours() {
        // The same look as the exported figures: no pale yellow or cyan curve on the white plot.
        for (JFreeChart chart : List.of(RocChart.create(), CmcChart.create())) {
            org.jfree.chart.renderer.AbstractRenderer r =
                    (org.jfree.chart.renderer.AbstractRenderer) chart.getXYPlot().getRenderer();
            for (int i = 0; i < 12; i++) {
                assertEquals(org.bridge.experiment.figures.FigureStyle.seriesColour(i), r.lookupSeriesPaint(i),
                        chart.getTitle().getText() + " series " + i);
            }
        }
    }

    @Test
    void aLogAxisDropsTheZeroFprPointsAndStartsAtTheDecadeBelowTheFirstFalsePositive() {
        RocChart.Series s = new RocChart.Series("k", "curve", new double[] {0, 0, 0.004, 0.5, 1},
                new double[] {0, 0.2, 0.4, 0.9, 1});
        JFreeChart chart = RocChart.create();
        RocChart.show(chart, List.of(s), false);
        assertEquals(5, chart.getXYPlot().getDataset().getItemCount(0));
        assertFalse(RocChart.isLogX(chart));
        RocChart.show(chart, List.of(s), true);
        assertTrue(RocChart.isLogX(chart));
        assertEquals(3, chart.getXYPlot().getDataset().getItemCount(0));
        assertEquals(0.001, chart.getXYPlot().getDomainAxis().getLowerBound(), 1e-12);
        assertEquals(RocChart.LOG_FLOOR, RocChart.logFloor(List.of()), 0, "no curves: the default floor");
    }

    @Test
    void cmcShowsTheChosenRanksAndTheLegendSaysTopOneAndTopFive() throws Exception {
        RunGroup g = row();
        CmcChart.Series s = CmcChart.series(g, CmcChart.Classifier.SOFTMAX);
        assertEquals(20, s.accuracy().length);
        assertTrue(s.legend().equals("S-16-c-O A: top-1 50.0 %, top-5 90.0 %"), s.legend());
        JFreeChart chart = CmcChart.create();
        CmcChart.show(chart, List.of(s), 10);
        XYDataset d = chart.getXYPlot().getDataset();
        assertEquals(10, d.getItemCount(0));
        assertEquals(1.0, d.getXValue(0, 0));
        assertEquals(50.0, d.getYValue(0, 0), 1e-9);
        CmcChart.show(chart, List.of(s), 0);
        assertEquals(20, chart.getXYPlot().getDataset().getItemCount(0));
        assertEquals("x: top-1 40.0 %, top-5 n/a", CmcChart.legend("x", new double[] {0.4, 0.6, 0.8}));

        // What the tab's "Save SVG" writes.
        Path svg = runs.resolve("cmc.svg");
        ChartExport.save(chart, svg);
        assertTrue(Files.readString(svg).contains("<svg"));
    }

    @Test
    void twoExperimentsWithTheSameStudentGetDistinctLegendNames() {
        Set<String> used = new HashSet<>();
        assertEquals("S-16-c-O A", SeriesNames.unique(used, "e1|S-16-c-O|softmax|1", "S-16-c-O A"));
        assertEquals("S-16-c-O A [e2]", SeriesNames.unique(used, "e2|S-16-c-O|softmax|1", "S-16-c-O A"));
        assertEquals("S-16-c-O A [e2] (2)", SeriesNames.unique(used, "e2|S-16-c-O|softmax|1", "S-16-c-O A"));
    }
}
