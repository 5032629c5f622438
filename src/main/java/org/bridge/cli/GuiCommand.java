package org.bridge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.ui.app.WorkbenchLauncher;
import org.bridge.ui.app.WorkbenchSnapshots;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the workbench (the default when no command is given).")
final class GuiCommand implements Callable<Integer> {

    private static final Pattern SIZE = Pattern.compile("(\\d{3,5})x(\\d{3,5})");

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "Face set to open (folder per identity, optional pairs.txt). "
                    + "Default: the bundled synthetic sample-data.")
    Path dataset;

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "Write a screenshot of each tab to DIR/<tab>.png (training, verification, "
                    + "identification, pairs, degradation, results) with the finished runs of the runs folder "
                    + "(-Dbridge.runs) loaded, print each file and exit: 0 when all were written. Needs a display "
                    + "(xvfb-run -a).")
    Path snapshot;

    @Option(names = "--snapshot-filter", paramLabel = "TEXT",
            description = "With --snapshot: the Results tab filter (e.g. \"S-16 sc\") whose rows are shown; the "
                    + "best " + WorkbenchSnapshots.MAX_ROWS + " by accuracy are overlaid. Default: all rows.")
    String snapshotFilter;

    @Option(names = "--snapshot-size", paramLabel = "WxH", defaultValue = "1200x800",
            description = "With --snapshot: the window size in pixels (default: ${DEFAULT-VALUE}, the size the "
                    + "workbench opens at).")
    String snapshotSize;

    @Override
    public Integer call() {
        if (snapshot != null) {
            OutputPaths.requireWritableDirectory("--snapshot", snapshot);
            Matcher m = SIZE.matcher(snapshotSize.trim());
            if (!m.matches()) {
                throw new UserFacingException("--snapshot-size must be WIDTHxHEIGHT in pixels, e.g. 1280x960, not '"
                        + snapshotSize + "'");
            }
            return WorkbenchLauncher.snapshot(dataset, snapshot, snapshotFilter, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)));
        }
        if (snapshotFilter != null) {
            throw new UserFacingException("--snapshot-filter needs --snapshot");
        }
        WorkbenchLauncher.launch(dataset);
        return 0;
    }
}
