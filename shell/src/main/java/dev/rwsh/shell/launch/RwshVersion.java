package dev.rwsh.shell.launch;

/** The version from the jar's manifest (set by Maven), "dev" when run from classes. */
public final class RwshVersion {

    private RwshVersion() {}

    public static String version() {
        String v = RwshVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** What {@code rwsh --version} prints. */
    public static String versionLine() {
        return "rwsh " + version() + " (targets RisingWave v2.0.7 metadata)";
    }
}
