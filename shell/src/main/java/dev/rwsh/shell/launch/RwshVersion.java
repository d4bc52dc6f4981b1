package dev.rwsh.shell.launch;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by Maven), "dev" when run from classes. */
public final class RwshVersion implements IVersionProvider {

    public static String version() {
        String v = RwshVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"rwsh " + version() + " (targets RisingWave v2.0.7 metadata)"};
    }
}
