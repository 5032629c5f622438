package org.bridge.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The images a run left out under {@link BadImagePolicy#SKIP}, each with the reason. Safe to
 * fill from several threads (decoding runs in parallel).
 */
public final class SkippedImages {

    /** One skipped image and why. */
    public record Entry(Path file, String reason) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(Path file, String reason) {
        entries.add(new Entry(file, reason));
    }

    public synchronized int count() {
        return entries.size();
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    public synchronized boolean contains(Path file) {
        return entries.stream().anyMatch(e -> e.file().equals(file));
    }

    /** The entries sorted by file, so reports do not depend on thread timing. */
    public synchronized List<Entry> entries() {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparing(e -> e.file().toString()));
        return List.copyOf(copy);
    }

    /** One line for logs and the CLI, e.g. "skipped 2 images (first: a.jpg: truncated ...)". */
    public synchronized String summary() {
        if (entries.isEmpty()) {
            return "skipped 0 images";
        }
        Entry first = entries().get(0);
        return "skipped " + entries.size() + (entries.size() == 1 ? " image" : " images") + " (first: "
                + first.reason() + ")";
    }
}
