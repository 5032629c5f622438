package org.bridge.experiment.figures;

import java.util.List;

import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.report.SeedGroup;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Fig. 6: identification top-1 and top-5 (%) as bars, one pair per student (and loss), each the
 * mean over seeds with an error bar of ± one sample std (none with one seed). A seed's top-k is
 * the one of the tables: the mean over its splits of results.json's top1 / top5 (softmax
 * fine-tuned on the frozen features). Students whose runs did not measure identification are left out.
 */
final class TopKFigure {

    static final String TITLE = "Fig. 6: identification top-1 / top-5 (mean \u00b1 std over seeds)";
    static final String TOP1 = "top-1";
    static final String TOP5 = "top-5";

    private TopKFigure() {
    }

    /** Rows {@link #TOP1} and {@link #TOP5}, one column per student label, values in percent. */
    static DefaultStatisticalCategoryDataset dataset(List<RunGroup> rows) {
        boolean severalExperiments = rows.stream().map(g -> g.row().experiment()).distinct().count() > 1;
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (SeedGroup g : SeedGroup.of(rows)) {
            SeedGroup.Spread top1 = g.top1();
            SeedGroup.Spread top5 = g.top5();
            if (Double.isNaN(top1.mean()) && Double.isNaN(top5.mean())) {
                continue;
            }
            String label = g.label() + (severalExperiments ? " [" + g.experiment() + "]" : "");
            data.add(100 * top1.mean(), Double.isNaN(top1.std()) ? 0 : 100 * top1.std(), TOP1, label);
            data.add(100 * top5.mean(), Double.isNaN(top5.std()) ? 0 : 100 * top5.std(), TOP5, label);
        }
        return data;
    }

    static JFreeChart chart(DefaultStatisticalCategoryDataset data) {
        if (data.getColumnCount() == 0) {
            throw new IllegalArgumentException("fig6: no finished student run measured identification");
        }
        CategoryAxis x = new CategoryAxis("student");
        // Bars run horizontally, so a student's full name reads on one line however many there are.
        x.setMaximumCategoryLabelWidthRatio(0.45f);
        NumberAxis y = new NumberAxis("identification rate (%)");
        y.setRange(0, 100);
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setDrawBarOutline(false);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        return FigureStyle.apply(new JFreeChart(TITLE, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot);
    }
}
