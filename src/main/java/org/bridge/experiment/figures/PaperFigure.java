package org.bridge.experiment.figures;

import java.util.List;
import java.util.Locale;

import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.RunRecord;
import org.jfree.chart.JFreeChart;

/** Which of the paper's figures: each is drawn from the results rows of finished student runs. */
public enum PaperFigure {
    FIG4("fig4"), FIG5("fig5"), FIG6("fig6");

    private final String stem;

    PaperFigure(String stem) {
        this.stem = stem;
    }

    /** The file name without extension, e.g. {@code fig4}. */
    public String stem() {
        return stem;
    }

    public static PaperFigure parse(String s) {
        for (PaperFigure f : values()) {
            if (f.stem.equals(s.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("figure must be fig4, fig5 or fig6, not " + s);
    }

    /**
     * The chart of the completed student runs among {@code records} (reads their pair scores
     * for Fig. 5, so not on a user-interface thread).
     *
     * @throws IllegalArgumentException when no run has what the figure plots
     */
    public JFreeChart chart(List<RunRecord> records) {
        List<RunGroup> rows = RunGroup.of(records);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(stem + ": no finished student runs to draw");
        }
        return switch (this) {
            case FIG4 -> ResolutionFigure.chart(ResolutionFigure.dataset(rows));
            case FIG5 -> RocFigure.chart(rows);
            case FIG6 -> TopKFigure.chart(TopKFigure.dataset(rows));
        };
    }
}
