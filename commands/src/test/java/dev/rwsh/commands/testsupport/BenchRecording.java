package dev.rwsh.commands.testsupport;

import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A flight recording (JFR, the JDK's "profile" settings: a method sample every 10 ms) of a
 * benchmark's measured run only, when the environment variable BENCH_JFR names the file to write;
 * otherwise nothing. Read it with {@code jfr print --events jdk.ExecutionSample} or {@code jfr view hot-methods}.
 */
public final class BenchRecording implements AutoCloseable {
    private final Recording recording;

    private BenchRecording(Recording recording) {
        this.recording = recording;
    }

    /**
     * Starts and stops a recording when BENCH_JFR is set: JFR's first start in a JVM instruments its
     * event classes (ASM, seconds of CPU on a loaded machine), which must not land in the measured run.
     */
    public static void warmUp() throws Exception {
        start().close();
    }

    public static BenchRecording start() throws Exception {
        String file = System.getenv("BENCH_JFR");
        if (file == null || file.isEmpty()) {
            return new BenchRecording(null);
        }
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.setDestination(Path.of(file)); // overwritten by the measured run's recording after warmUp's
        r.start();
        return new BenchRecording(r);
    }

    /** Stops and writes the recording. */
    @Override
    public void close() {
        if (recording != null) {
            recording.stop();
            recording.close();
        }
    }
}
