package org.bridge.ui.training;

/** Where the faces of a run come from; {@link #kind} is the experiment file's dataset kind. */
public enum DatasetChoice {
    SAMPLE("sample", "Bundled sample"),
    LFW("lfw", "LFW"),
    FOLDER("folder", "Folder");

    private final String kind;
    private final String label;

    DatasetChoice(String kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    public String kind() {
        return kind;
    }

    public String label() {
        return label;
    }
}
