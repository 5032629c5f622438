package org.bridge.experiment.report;

import org.bridge.experiment.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code report} prints: the students' table ({@link ResultsTable}), mean ± std of the students
 * with several seeds ({@link SeedsTable}), Fig. 4 and Fig. 6
 * pivoted by resolution ({@link ResolutionTable}) when students of several resolutions are done, Fig. 3
 * ({@link AdaptationTable}) and Table III ({@link HallucinationTable}), each when such runs are
 * done. With student runs only, the output is exactly {@link ResultsTable#format}. With several
 * tables, each gets a title (Markdown: a heading; LaTeX: a comment line; CSV: none, the tables are
 * separated by a blank line; ask for one table to get a plain CSV). The paper's claims
 * ({@link ClaimsTable}) are printed only when asked for: each is a bootstrap; so is the robustness
 * table ({@link RobustnessTable}), which reads each run's degraded-pair scores.
 */
public final class ReportTables {

    /** Which table(s). */
    public enum Which {
        ALL, STUDENTS, SEEDS, CLAIMS, ROBUSTNESS, FIG3, FIG4, FIG6, TABLE3, TABLE4;

        public static Which parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "all" -> ALL;
                case "students" -> STUDENTS;
                case "seeds" -> SEEDS;
                case "claims" -> CLAIMS;
                case "robustness" -> ROBUSTNESS;
                case "fig3" -> FIG3;
                case "fig4" -> FIG4;
                case "fig6" -> FIG6;
                case "table3" -> TABLE3;
                case "table4" -> TABLE4;
                default -> throw new IllegalArgumentException(
                        "table must be all, students, seeds, claims, robustness, fig3, fig4, fig6, table3 or table4, not " + s);
            };
        }
    }

    public static final String STUDENTS_TITLE = "Students: verification on the target pairs, identification";

    private ReportTables() {
    }

    public static String format(List<RunRecord> records, String format, Which which) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!List.of("md", "markdown", "csv", "tex", "latex").contains(f)) {
            throw new IllegalArgumentException("format must be md, csv or tex, not " + format);
        }
        if (which == Which.CLAIMS) {
            // Only on request: every claim is a bootstrap over thousands of pairs.
            return ClaimsTable.of(records).format(f);
        }
        if (which == Which.ROBUSTNESS) {
            // Only on request: it reads a second per-pair file of every run.
            return RobustnessTable.of(records).format(f);
        }
        ResultsTable students = ResultsTable.of(records);
        SeedsTable seeds = SeedsTable.of(records);
        AdaptationTable fig3 = AdaptationTable.of(records);
        HallucinationTable table3 = HallucinationTable.of(records);
        ResolutionTable byResolution = ResolutionTable.of(students);
        ResultsTable table4 = ResultsTable.byLoss(records);
        // The pivots only add something when there is more than one resolution to compare.
        boolean pivots = byResolution.resolutions().size() > 1;
        if (which != Which.ALL) {
            return one(which, f, students, seeds, fig3, table3, byResolution, table4);
        }
        if (fig3.isEmpty() && table3.isEmpty() && !pivots && table4.rows().isEmpty() && seeds.isEmpty()) {
            return students.format(f);
        }
        List<String[]> sections = new ArrayList<>();
        if (!students.rows().isEmpty()) {
            sections.add(new String[] {STUDENTS_TITLE, students.format(f)});
        }
        if (!seeds.isEmpty()) {
            sections.add(new String[] {SeedsTable.TITLE, seeds.format(f)});
        }
        if (pivots) {
            sections.add(new String[] {ResolutionTable.FIG4_TITLE, byResolution.fig4().format(f)});
            sections.add(new String[] {ResolutionTable.FIG6_TITLE, byResolution.fig6().format(f)});
        }
        if (!table4.rows().isEmpty()) {
            sections.add(new String[] {ResultsTable.TABLE4_TITLE, table4.format(f)});
        }
        if (!fig3.isEmpty()) {
            sections.add(new String[] {AdaptationTable.TITLE, fig3.toTextTable().format(f)});
        }
        if (!table3.isEmpty()) {
            sections.add(new String[] {HallucinationTable.TITLE, table3.toTextTable().format(f)});
        }
        return joined(sections, f);
    }

    /** One of the tables on its own. */
    private static String one(Which which, String f, ResultsTable students, SeedsTable seeds, AdaptationTable fig3,
                              HallucinationTable table3, ResolutionTable byResolution, ResultsTable table4) {
        return switch (which) {
            case STUDENTS -> students.format(f);
            case SEEDS -> seeds.format(f);
            case FIG3 -> fig3.toTextTable().format(f);
            case FIG4 -> byResolution.fig4().format(f);
            case FIG6 -> byResolution.fig6().format(f);
            case TABLE3 -> table3.toTextTable().format(f);
            case TABLE4 -> table4.format(f);
            default -> throw new IllegalArgumentException("not one table: " + which);
        };
    }

    /** Titled sections one after another, each title as a heading (md) or comment (tex). */
    private static String joined(List<String[]> sections, String f) {
        StringBuilder sb = new StringBuilder();
        for (String[] s : sections) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            switch (f) {
                case "md", "markdown" -> sb.append("### ").append(s[0]).append("\n\n");
                case "tex", "latex" -> sb.append("% ").append(s[0]).append('\n');
                default -> { }
            }
            sb.append(s[1]);
        }
        return sb.toString();
    }
}
