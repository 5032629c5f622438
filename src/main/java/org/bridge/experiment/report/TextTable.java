package org.bridge.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A titled table of text cells rendered as Markdown, CSV or a booktabs LaTeX tabular, with notes
 * under it (Markdown: paragraphs; LaTeX: comment lines; CSV: none, so a CSV stays one table).
 *
 * @param title     what the table is (a heading when several tables are printed together)
 * @param header    column names
 * @param textCols  how many leading columns are text (left-aligned); the rest are numbers
 * @param rows      cells, each row as long as the header
 * @param notes     sentences printed under the table
 */
public record TextTable(String title, List<String> header, int textCols, List<List<String>> rows, List<String> notes) {

    public TextTable {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " cells, header " + header.size());
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
        notes = List.copyOf(notes);
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            sb.append(i < textCols ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        for (String n : notes) {
            sb.append('\n').append(n).append('\n');
        }
        return sb.toString();
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        csvLine(sb, header);
        for (List<String> r : rows) {
            csvLine(sb, r);
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            sb.append(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        sb.append('\n');
    }

    public String toLatex() {
        StringBuilder sb = new StringBuilder("\\begin{tabular}{");
        for (int i = 0; i < header.size(); i++) {
            sb.append(i < textCols ? 'l' : 'r');
        }
        sb.append("}\n\\toprule\n").append(String.join(" & ", escape(header))).append(" \\\\\n\\midrule\n");
        for (List<String> r : rows) {
            sb.append(String.join(" & ", escape(r))).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        for (String n : notes) {
            sb.append("% ").append(n.replace("\n", "\n% ")).append('\n');
        }
        return sb.toString();
    }

    static List<String> escape(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            out.add(c.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("_", "\\_").replace("&", "\\&")
                    .replace("#", "\\#").replace("^", "\\textasciicircum{}").replace("±", "$\\pm$"));
        }
        return out;
    }

    public String format(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "md", "markdown" -> toMarkdown();
            case "csv" -> toCsv();
            case "tex", "latex" -> toLatex();
            default -> throw new IllegalArgumentException("format must be md, csv or tex, not " + format);
        };
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    static String num(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
