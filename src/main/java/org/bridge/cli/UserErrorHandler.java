package org.bridge.cli;

import org.bridge.config.UserFacingException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a {@link UserFacingException} as one line ("error: ...") and exits 1; anything else is
 * a bug and keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Throwable t = ex;
        while (t != null && !(t instanceof UserFacingException)) {
            t = t.getCause();
        }
        if (t != null) {
            cmd.getErr().println("error: " + t.getMessage());
            cmd.getErr().flush();
            return 1;
        }
        ex.printStackTrace(cmd.getErr());
        return 2;
    }
}
