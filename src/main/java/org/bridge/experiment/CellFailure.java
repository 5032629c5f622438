package org.bridge.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * How an unexpected fault of one cell is recorded: a one-line status message (exception class,
 * message, and the file it concerns when the exception names one) and the stack trace appended
 * to the run folder's {@value #LOG}, so the grid can go on with the next cell.
 */
public final class CellFailure {

    /** Stack traces of the cell's unexpected faults, newest last. */
    public static final String LOG = "errors.log";

    private CellFailure() {
    }

    /** {@code Class: message}, then {@code (file: F)} when a file-system exception names a file the message lacks. */
    public static String describe(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getFile() != null && !message.contains(fs.getFile())) {
                return message + " (file: " + fs.getFile() + ")";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message;
    }

    /** Appends the stack trace to the folder's {@value #LOG}; a folder that cannot take it is left as it is. */
    public static void log(RunFolder folder, Throwable e) {
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println("== " + Instant.now());
            e.printStackTrace(w);
        }
        try {
            Files.createDirectories(folder.dir());
            Files.writeString(folder.file(LOG), trace.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException unwritable) {
            // The status message still says what failed.
        }
    }
}
