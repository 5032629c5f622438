package org.bridge.ui.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import org.bridge.experiment.report.ResultsTable;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.report.RunSettings;

/**
 * The Results table as a researcher compares runs: besides the fixed columns (model, loss,
 * seed, ...) a column for every setting of config.json that differs between the listed rows
 * (regression target, lr, epochs, D(I), ...), a filter that can name any column
 * ({@code lr=0.002 target=pca}, {@code seed!=3}; other words match anywhere, as before), and an
 * optional pooling: "mean ± std over" a column merges the rows that agree on every other column
 * (over Seed: the seeds of one cell). No JavaFX controls here, so it is tested without a UI.
 */
public final class RunColumnsViewModel {

    /**
     * A column that can be filtered on and pooled over.
     *
     * @param key     {@code model}, {@code seed}, ... for the fixed columns; the dotted
     *                config.json key (e.g. {@code training.learningRate}) for a setting
     * @param title   what the header says, e.g. {@code lr}
     * @param setting whether it comes from config.json
     */
    public record Column(String key, String title, boolean setting) {

        @Override
        public String toString() {
            return title;
        }
    }

    /** Mean and sample std (n - 1) of a metric over pooled rows; std NaN with one row. */
    public record Spread(double mean, double std, int n) {

        static Spread of(List<RunGroup> rows, ToDoubleFunction<ResultsTable.Row> metric) {
            double[] v = rows.stream().mapToDouble(g -> metric.applyAsDouble(g.row())).filter(x -> !Double.isNaN(x))
                    .toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, 0);
            }
            double mean = 0;
            for (double x : v) {
                mean += x / v.length;
            }
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return new Spread(mean, v.length < 2 ? Double.NaN : Math.sqrt(ss / (v.length - 1)), v.length);
        }

        /** In percent, {@code 87.10 ± 0.42}. */
        public String pct() {
            return Cells.pctWithStd(mean, std);
        }
    }

    /**
     * Rows that agree on every column but the pooled one.
     *
     * @param values  the shared value of each column by key; the pooled column lists its values
     * @param members the results rows pooled, in table order
     */
    public record PooledRow(Map<String, String> values, List<RunGroup> members) {

        public Spread accuracy() {
            return Spread.of(members, ResultsTable.Row::accuracy);
        }

        public Spread auc() {
            return Spread.of(members, ResultsTable.Row::auc);
        }

        public Spread tprAtFpr10() {
            return Spread.of(members, ResultsTable.Row::tprAtFpr10);
        }

        public Spread top1() {
            return Spread.of(members, ResultsTable.Row::top1);
        }

        public Spread top5() {
            return Spread.of(members, ResultsTable.Row::top5);
        }

        /** Accuracy on the target folds no setting was chosen on ({@link ResultsTable.Protocol}). */
        public Spread heldOutAccuracy() {
            return Spread.of(members, r -> r.protocol().heldOutAccuracy());
        }

        /** {@link #heldOutAccuracy} with test-time flip averaging, over the rows that measured it. */
        public Spread heldOutFlipAccuracy() {
            return Spread.of(members, ResultsTable.Row::flipHeldOutAccuracy);
        }

        public String value(Column c) {
            return values.getOrDefault(c.key(), "");
        }
    }

    /** The fixed columns of the results table that identify a row, in table order. */
    public static final List<Column> FIXED = List.of(
            new Column("model", "Model", false),
            new Column("dataset", "Dataset", false),
            new Column("loss", "Loss", false),
            new Column("splits", "Splits", false),
            new Column("seed", "Seed", false),
            new Column("experiment", "Experiment", false),
            new Column("settingsChosenOn", "Settings chosen on", false));

    private static final Map<String, Function<RunGroup, String>> FIXED_VALUES = Map.of(
            "model", g -> g.row().student(),
            "dataset", g -> g.row().dataset(),
            "loss", g -> g.row().loss(),
            "splits", g -> Cells.splits(g.row()),
            "seed", g -> Long.toString(g.row().seed()),
            "experiment", g -> g.row().experiment(),
            "settingsChosenOn", g -> g.row().protocol().label());

    /** Settings shown by the fixed columns already. */
    private static final List<String> SHOWN_FIXED = List.of("seed", "settingsChosenOn");

    private final FilteredList<RunGroup> shown;
    private final ObservableList<Column> settingColumns = FXCollections.observableArrayList();
    private final ObservableList<PooledRow> pooledRows = FXCollections.observableArrayList();
    private final ObjectProperty<Column> pooledOver = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper("");
    private final Map<String, Map<String, String>> settings = new HashMap<>();
    private String filterText = "";

    /** Follows {@code rows} (the runs folder's results rows). */
    public RunColumnsViewModel(ObservableList<RunGroup> rows) {
        shown = new FilteredList<>(rows);
        rows.addListener((ListChangeListener<RunGroup>) c -> {
            settings.clear();
            setFilter(filterText);
        });
        shown.addListener((ListChangeListener<RunGroup>) c -> update());
        pooledOver.addListener((obs, old, now) -> update());
        update();
    }

    /** The rows the filter lets through (the table sorts them). */
    public FilteredList<RunGroup> shownRows() {
        return shown;
    }

    /** A column per config.json setting that differs between the shown rows. */
    public ObservableList<Column> settingColumns() {
        return settingColumns;
    }

    /** The column the pooled rows are the mean ± std over; null for none. */
    public ObjectProperty<Column> pooledOverProperty() {
        return pooledOver;
    }

    /** The shown rows pooled over {@link #pooledOverProperty()}; empty when it is null. */
    public ObservableList<PooledRow> pooledRows() {
        return pooledRows;
    }

    /** Why part of the filter was ignored (a column no row has); empty when all of it applies. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    /** What can be pooled over or filtered on now: the fixed columns and the differing settings. */
    public List<Column> columns() {
        List<Column> all = new ArrayList<>(FIXED);
        all.addAll(settingColumns);
        return all;
    }

    /** The text of {@code c} in {@code g}'s row. */
    public String value(RunGroup g, Column c) {
        if (!c.setting()) {
            return FIXED_VALUES.get(c.key()).apply(g);
        }
        return settingsOf(g).getOrDefault(c.key(), "");
    }

    private Map<String, String> settingsOf(RunGroup g) {
        return settings.computeIfAbsent(g.key(), k -> {
            Map<String, String> s = new LinkedHashMap<>(RunSettings.of(g));
            SHOWN_FIXED.forEach(s::remove);
            return s;
        });
    }

    /**
     * Words separated by spaces, all of which must match: {@code column=value} (or {@code !=}) on
     * a column by its title, key or the last part of its key (case does not matter; numbers compare
     * as numbers, other values match when the cell contains them); any other word anywhere in the row.
     */
    public void setFilter(String text) {
        filterText = text == null ? "" : text;
        List<Predicate<RunGroup>> terms = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String word : filterText.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq > 0) {
                boolean negate = word.charAt(eq - 1) == '!';
                String name = word.substring(0, negate ? eq - 1 : eq);
                String wanted = word.substring(eq + 1);
                Optional<Column> c = find(name);
                if (c.isEmpty()) {
                    unknown.add(name);
                    continue;
                }
                terms.add(g -> matchesValue(value(g, c.get()), wanted) != negate);
            } else {
                String w = word.toLowerCase(Locale.ROOT);
                terms.add(g -> everything(g).contains(w));
            }
        }
        filterProblem.set(unknown.isEmpty() ? "" : "No column " + String.join(", ", unknown)
                + " in the filter (ignored); columns: " + String.join(", ", columns().stream().map(Column::title).toList()));
        shown.setPredicate(g -> terms.stream().allMatch(t -> t.test(g)));
    }

    /** The words of the filter that are not {@code column=value} terms (for the run folders' table). */
    public static String[] plainWords(String text) {
        return java.util.Arrays.stream(text == null ? new String[0] : text.trim().split("\\s+"))
                .filter(w -> !w.isEmpty() && !w.contains("=")).map(w -> w.toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
    }

    private Optional<Column> find(String name) {
        String n = normal(name);
        List<Column> candidates = new ArrayList<>(FIXED);
        // Every setting any row has, not only the differing ones: "lr=0.002" still filters when all agree.
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (RunGroup g : shown.getSource()) {
            keys.addAll(settingsOf((RunGroup) g).keySet());
        }
        keys.forEach(k -> candidates.add(new Column(k, RunSettings.title(k), true)));
        for (Column c : candidates) {
            if (normal(c.title()).equals(n) || normal(c.key()).equals(n)) {
                return Optional.of(c);
            }
        }
        return candidates.stream().filter(c -> normal(c.key().substring(c.key().lastIndexOf('.') + 1)).equals(n))
                .findFirst();
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    static boolean matchesValue(String cell, String wanted) {
        try {
            return Double.parseDouble(cell.trim()) == Double.parseDouble(wanted.trim());
        } catch (NumberFormatException notNumbers) {
            return cell.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT));
        }
    }

    private String everything(RunGroup g) {
        StringBuilder sb = new StringBuilder();
        FIXED.forEach(c -> sb.append(value(g, c)).append(' '));
        sb.append("seed ").append(g.row().seed()).append(' '); // "seed 2" as two words still narrows
        settingsOf(g).values().forEach(v -> sb.append(v).append(' '));
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private void update() {
        List<Map<String, String>> all = shown.stream().map(this::settingsOf).toList();
        List<Column> cols = RunSettings.differing(all).stream().map(k -> new Column(k, RunSettings.title(k), true))
                .toList();
        if (!cols.equals(settingColumns)) {
            settingColumns.setAll(cols);
        }
        Column over = pooledOver.get();
        if (over == null) {
            pooledRows.clear();
            return;
        }
        List<Column> key = columns().stream().filter(c -> !c.key().equals(over.key())).toList();
        Map<List<String>, List<RunGroup>> groups = new LinkedHashMap<>();
        for (RunGroup g : shown) {
            groups.computeIfAbsent(key.stream().map(c -> value(g, c)).toList(), k -> new ArrayList<>()).add(g);
        }
        List<PooledRow> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<RunGroup>> e : groups.entrySet()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < key.size(); i++) {
                values.put(key.get(i).key(), e.getKey().get(i));
            }
            values.put(over.key(), String.join(", ", e.getValue().stream().map(g -> value(g, over)).distinct().toList()));
            out.add(new PooledRow(values, e.getValue()));
        }
        pooledRows.setAll(out);
    }
}
