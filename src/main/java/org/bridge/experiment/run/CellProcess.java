package org.bridge.experiment.run;

import org.bridge.experiment.CancelOnInterrupt;
import org.bridge.experiment.ChildTask;
import org.bridge.experiment.ConsoleRunListener;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.RunStageFile;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;

import java.util.List;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.nd.Nd4jRuntime;

/**
 * The entry point of a child JVM started by {@link ChildRuns}: runs one {@link ChildTask} through
 * {@link ExperimentServices#run} (or the queued folder's cell) in this JVM, with the console's
 * progress lines (they go to the folder's console.log) and Ctrl-C / SIGTERM recorded as CANCELLED
 * with the checkpoint kept. Locations come from the environment, as for the command line.
 *
 * <p>Exit codes: 0 every cell done, 1 a cell failed or stopped, 2 the task or its experiment
 * file was refused before any work.
 */
public final class CellProcess {

    static final int DONE = 0;
    static final int NOT_ALL_DONE = 1;
    public static final int REFUSED = 2;

    private CellProcess() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    /** Runs the task the arguments describe and returns the exit code (tests call this, not {@link #main}). */
    public static int run(List<String> args) {
        Nd4jRuntime.enableHelpersProperty();
        try {
            ChildTask task = ChildTask.parse(args);
            List<RunFolder> folders = run(task, BridgeLocations.fromSystem());
            List<RunRecord> records = folders.stream().map(RunRecord::read).toList();
            return records.stream().allMatch(r -> r.state() == RunState.DONE) ? DONE : NOT_ALL_DONE;
        } catch (UserFacingException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return REFUSED;
        }
    }

    static List<RunFolder> run(ChildTask task, BridgeLocations locations) {
        RunStore store = new RunStore(task.runs());
        RunControl control = new RunControl();
        RunListener console = new ConsoleRunListener();
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(control);
             ExperimentServices services = new ExperimentServices(locations, store, task.options())) {
            if (task instanceof ChildTask.Queued queued) {
                RunFolder folder = new RunFolder(queued.folder().toAbsolutePath().normalize());
                if (folder.isComplete()) {
                    return List.of(folder);
                }
                QueuedRuns.run(services.runner(), QueuedRuns.read(folder), RunStageFile.alongside(console), control);
                return List.of(folder);
            }
            ChildTask.Cells cells = (ChildTask.Cells) task;
            String source = cells.experiment().toString();
            ExperimentSpec spec = ExperimentSpec.read(cells.experiment())
                    .restrictedTo(cells.students(), cells.losses(), cells.splits(), source);
            return services.run(spec, console, control);
        }
    }
}
