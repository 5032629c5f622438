package org.bridge.ui.results;

import java.io.IOException;
import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.stage.Window;

import org.bridge.ui.charts.ChartExport;
import org.jfree.chart.JFreeChart;

/** The "Save PNG / SVG" buttons of the chart tabs. */
final class ChartSaving {

    private ChartSaving() {
    }

    /**
     * Asks for a file and writes the chart as it is shown. On the JavaFX thread, which owns the
     * chart: drawing 900 x 600 takes a moment, and a copy drawn elsewhere could see a half-updated plot.
     */
    static void save(SaveDialog dialog, Window owner, JFreeChart chart, String baseName, String extension,
                     Label status) {
        String description = "png".equals(extension) ? "PNG image" : "SVG vector image";
        Path file = dialog.ask(owner, "Save the chart as " + description, baseName + "." + extension, description,
                extension);
        if (file == null) {
            return;
        }
        status.getStyleClass().remove("problem");
        try {
            ChartExport.save(chart, file);
            status.setText("Saved " + file);
        } catch (IOException | RuntimeException e) {
            status.setText("Cannot save " + file + ": " + e.getMessage());
            status.getStyleClass().add("problem");
        }
    }
}
