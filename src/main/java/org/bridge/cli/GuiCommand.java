package org.bridge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bridge.ui.WorkbenchLauncher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the workbench (the default when no command is given).")
final class GuiCommand implements Callable<Integer> {

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "Face set to open (folder per identity, optional pairs.txt). "
                    + "Default: the bundled synthetic sample-data.")
    Path dataset;

    @Override
    public Integer call() {
        WorkbenchLauncher.launch(dataset);
        return 0;
    }
}
