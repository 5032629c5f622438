package org.bridge.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Face images with identity labels: an immutable list of {@link FaceRecord}s, ordered by person
 * name and then image number. Images are not decoded here (see {@link ImageDecoder}).
 */
public final class FaceDataset {

    private final Path imagesRoot;
    private final List<FaceRecord> records;
    private final Map<String, List<FaceRecord>> byPerson;

    /**
     * @param imagesRoot the folder that holds the person folders (for messages and for the
     *                   expected location of a missing image)
     * @param records    the images; two records of one person must not share a number
     */
    public FaceDataset(Path imagesRoot, Collection<FaceRecord> records) {
        this.imagesRoot = imagesRoot;
        List<FaceRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(FaceRecord::person).thenComparingInt(FaceRecord::number));
        Map<String, List<FaceRecord>> people = new LinkedHashMap<>();
        for (FaceRecord r : sorted) {
            List<FaceRecord> images = people.computeIfAbsent(r.person(), p -> new ArrayList<>());
            if (!images.isEmpty() && images.get(images.size() - 1).number() == r.number()) {
                throw new IllegalArgumentException("two images of " + r.person() + " have number " + r.number()
                        + ": " + images.get(images.size() - 1).file() + " and " + r.file());
            }
            images.add(r);
        }
        people.replaceAll((p, l) -> Collections.unmodifiableList(l));
        this.records = Collections.unmodifiableList(sorted);
        this.byPerson = Collections.unmodifiableMap(people);
    }

    /** Reads a folder-per-identity face set; see {@link FolderFaceSetReader}. */
    public static FaceDataset readFolder(Path root) {
        return FolderFaceSetReader.read(root);
    }

    public Path imagesRoot() {
        return imagesRoot;
    }

    /** All images, by person name then number. */
    public List<FaceRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    /** People's names in sorted order. */
    public List<String> people() {
        return List.copyOf(byPerson.keySet());
    }

    public boolean contains(String person) {
        return byPerson.containsKey(person);
    }

    /** The images of one person by number; empty when the person is unknown. */
    public List<FaceRecord> imagesOf(String person) {
        return byPerson.getOrDefault(person, List.of());
    }

    /** Image {@code number} of {@code person}, if the set has it. */
    public Optional<FaceRecord> record(String person, int number) {
        for (FaceRecord r : imagesOf(person)) {
            if (r.number() == number) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Image counts per person, sorted by name. */
    public Map<String, Integer> imageCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        byPerson.forEach((p, l) -> counts.put(p, l.size()));
        return counts;
    }

    /** The subset holding only the given people (unknown names are ignored). */
    public FaceDataset restrictTo(Collection<String> people) {
        List<FaceRecord> kept = new ArrayList<>();
        for (String p : new java.util.LinkedHashSet<>(people)) {
            kept.addAll(imagesOf(p));
        }
        return new FaceDataset(imagesRoot, kept);
    }
}
