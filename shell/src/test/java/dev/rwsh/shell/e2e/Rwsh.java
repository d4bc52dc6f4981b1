package dev.rwsh.shell.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code scripts/rwsh} as a subprocess, as a user would, with its own HOME. */
final class Rwsh {

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path repo() {
        return Path.of(System.getProperty("rwsh.repo", "..")).toAbsolutePath().normalize();
    }

    /** rwsh connected to an etcd and a SQL endpoint, running each command as its own -c. */
    static Run commands(Path home, String etcdEndpoint, String sqlUrl, String... commands) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--no-rc", "--etcd-endpoints", etcdEndpoint, "--sql-endpoint", sqlUrl));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        return run(home, null, args.toArray(new String[0]));
    }

    static Run run(Path home, String stdin, String... args) throws IOException, InterruptedException {
        return runWithEnvironment(home, java.util.Map.of(), stdin, args);
    }

    /** With extra environment variables (such as PGPASSWORD) for the rwsh process. */
    static Run runWithEnvironment(Path home, java.util.Map<String, String> environment, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repo().resolve("scripts/rwsh").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(environment);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("rwsh did not finish within 120 s: " + command);
        }
        Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
