package org.bridge.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bridge.config.UserFacingException;

/**
 * An LFW pairs file. {@code pairs.txt} (View 2) starts with {@code "10 300"}: 10 folds, each
 * 300 matched lines {@code name i j} followed by 300 mismatched lines {@code name1 i name2 j}.
 * {@code pairsDevTrain.txt} / {@code pairsDevTest.txt} (View 1) start with one number n: a single
 * fold of n matched then n mismatched lines. Fields are tab-separated (any whitespace is
 * accepted); image numbers are 1-based. Blank lines are ignored.
 *
 * <p>A malformed file is a {@link UserFacingException} naming the file and line.
 */
public record LfwPairs(Path file, int folds, int pairsPerFold, List<LfwPair> pairs) {

    public LfwPairs {
        pairs = List.copyOf(pairs);
    }

    public static LfwPairs read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot read pairs file " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file);
    }

    /** Parses the lines of a pairs file; {@code file} names it in error messages. */
    public static LfwPairs parse(List<String> lines, Path file) {
        int i = 0;
        while (i < lines.size() && lines.get(i).strip().isEmpty()) {
            i++;
        }
        if (i == lines.size()) {
            throw new UserFacingException(file + ": empty pairs file (expected a header like \"10 300\")");
        }
        String[] header = fields(lines.get(i));
        int headerLine = i + 1;
        int folds;
        int perFold;
        if (header.length == 1) {
            folds = 1;
            perFold = positive(header[0], file, headerLine, "number of pairs");
        } else if (header.length == 2) {
            folds = positive(header[0], file, headerLine, "number of folds");
            perFold = positive(header[1], file, headerLine, "pairs per fold");
        } else {
            throw new UserFacingException(file + " line " + headerLine
                    + ": expected a header \"folds pairsPerFold\" or \"pairs\", found \"" + lines.get(i).strip() + "\"");
        }
        long expected = (long) folds * perFold * 2;
        List<LfwPair> pairs = new ArrayList<>();
        for (i = i + 1; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.strip().isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            if (pairs.size() >= expected) {
                throw new UserFacingException(file + " line " + lineNo + ": extra line after the " + expected
                        + " pairs announced by the header (" + folds + " folds x " + perFold + " matched + "
                        + perFold + " mismatched)");
            }
            int index = pairs.size();
            int fold = index / (2 * perFold) + 1;
            boolean matchedSection = index % (2 * perFold) < perFold;
            String[] f = fields(text);
            if (matchedSection) {
                if (f.length != 3) {
                    throw new UserFacingException(file + " line " + lineNo + ": expected a matched pair \"name i j\" (fold "
                            + fold + "), found " + f.length + " fields: \"" + text.strip() + "\"");
                }
                pairs.add(new LfwPair(fold, lineNo, f[0], imageNumber(f[1], file, lineNo), f[0],
                        imageNumber(f[2], file, lineNo)));
            } else {
                if (f.length != 4) {
                    throw new UserFacingException(file + " line " + lineNo
                            + ": expected a mismatched pair \"name1 i name2 j\" (fold " + fold + "), found "
                            + f.length + " fields: \"" + text.strip() + "\"");
                }
                if (f[0].equals(f[2])) {
                    throw new UserFacingException(file + " line " + lineNo + ": mismatched pair names the same person "
                            + f[0] + " twice");
                }
                pairs.add(new LfwPair(fold, lineNo, f[0], imageNumber(f[1], file, lineNo), f[2],
                        imageNumber(f[3], file, lineNo)));
            }
        }
        if (pairs.size() < expected) {
            throw new UserFacingException(file + " line " + (lines.size() + 1) + ": file ends after " + pairs.size()
                    + " pairs, the header announces " + expected + " (" + folds + " folds x " + perFold
                    + " matched + " + perFold + " mismatched)");
        }
        return new LfwPairs(file, folds, perFold, pairs);
    }

    /** The pairs of fold {@code fold} (1-based), matched first. */
    public List<LfwPair> fold(int fold) {
        if (fold < 1 || fold > folds) {
            throw new IllegalArgumentException("fold " + fold + " is not in 1.." + folds);
        }
        int from = (fold - 1) * 2 * pairsPerFold;
        return pairs.subList(from, from + 2 * pairsPerFold);
    }

    /** Every person named in any pair line of the fold, sorted. */
    public Set<String> peopleOfFold(int fold) {
        Set<String> people = new TreeSet<>();
        for (LfwPair p : fold(fold)) {
            people.add(p.personA());
            people.add(p.personB());
        }
        return people;
    }

    /** Every person named in any line of the file, sorted. */
    public Set<String> people() {
        Set<String> people = new TreeSet<>();
        for (LfwPair p : pairs) {
            people.add(p.personA());
            people.add(p.personB());
        }
        return people;
    }

    /**
     * Looks every pair up in the data set. A line naming an image the set does not have is a
     * {@link UserFacingException} naming this file, the line and the expected image file.
     */
    public List<FacePair> resolve(FaceDataset dataset) {
        List<FacePair> out = new ArrayList<>(pairs.size());
        for (LfwPair p : pairs) {
            out.add(new FacePair(find(dataset, p, p.personA(), p.imageA()), find(dataset, p, p.personB(), p.imageB()),
                    p.matched(), p.fold()));
        }
        return out;
    }

    /** {@link #resolve} restricted to some folds (1-based). */
    public List<FacePair> resolve(FaceDataset dataset, List<Integer> folds) {
        List<FacePair> out = new ArrayList<>();
        for (int f : folds) {
            for (LfwPair p : fold(f)) {
                out.add(new FacePair(find(dataset, p, p.personA(), p.imageA()),
                        find(dataset, p, p.personB(), p.imageB()), p.matched(), p.fold()));
            }
        }
        return out;
    }

    private FaceRecord find(FaceDataset dataset, LfwPair p, String person, int number) {
        return dataset.record(person, number).orElseThrow(() -> new UserFacingException(file + " line " + p.line()
                + ": no image " + number + " of " + person + " (expected "
                + dataset.imagesRoot().resolve(person).resolve(String.format("%s_%04d.jpg", person, number))
                + (dataset.contains(person) ? ", the folder has " + dataset.imagesOf(person).size() + " images)"
                : ", no such person folder)")));
    }

    private static String[] fields(String line) {
        String s = line.strip();
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1).strip();
        }
        return s.split("\\s+");
    }

    private static int positive(String text, Path file, int line, String what) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserFacingException(file + " line " + line + ": " + what + " must be a positive integer, found \""
                + text + "\"");
    }

    private static int imageNumber(String text, Path file, int line) {
        return positive(text, file, line, "image number");
    }
}
