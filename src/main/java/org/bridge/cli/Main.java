package org.bridge.cli;

import java.util.concurrent.Callable;

import org.bridge.config.BuildInfo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bridge.jar}. With no command it opens the workbench; every other
 * command is a thin call into the layers below (the GUI calls the same code).
 */
@Command(name = BuildInfo.COMMAND,
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Bridge: low-resolution face recognition by bridge distillation.%n"
                + "With no command, opens the workbench.",
        subcommands = {
                GuiCommand.class,
                TeachersCommand.class,
                SampleDataCommand.class,
                ProtocolCommand.class,
                DegradeCommand.class,
                RunCommand.class,
                QueueCommand.class,
                RunQueuedCommand.class,
                ReportCommand.class,
                ArchiveCommand.class,
                VerifyCommand.class,
                IdentifyCommand.class,
                IdentifyCompareCommand.class,
                TeacherEvalCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this, not {@link #main}). */
    public static int run(String... args) {
        org.bridge.nd.Nd4jRuntime.enableHelpersProperty();
        CommandLine cl = newCommandLine();
        if (args.length == 0) {
            return cl.execute("gui");
        }
        return cl.execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Errors the user can act on print as one line, not a stack trace.
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }

    @Override
    public Integer call() {
        return new CommandLine(this).execute("gui");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bridge " + BuildInfo.version(),
                    "built from " + BuildInfo.buildCommit().orElse("an unknown commit (built outside git)"),
                    "code " + BuildInfo.codeFingerprint().orElse("unknown (code not readable)"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
