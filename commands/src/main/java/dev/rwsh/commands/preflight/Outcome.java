package dev.rwsh.commands.preflight;

/** What one preflight check found; {@link #text()} is the word the report shows. */
public enum Outcome {
    OK("ok"),
    WARNING("warning"),
    FAILED("failed"),
    NOT_RUN("not run");

    private final String text;

    Outcome(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
