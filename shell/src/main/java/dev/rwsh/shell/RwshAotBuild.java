package dev.rwsh.shell;

import org.springframework.boot.SpringApplication;

/**
 * Build time only: the entry point that Spring's AOT processing (process-aot in shell/pom.xml) runs to read
 * {@link RwshApplication} and generate {@code RwshAotBuild__ApplicationContextInitializer}, which
 * {@link RwshContext} starts from. The processor needs a {@code SpringApplication} to intercept; rwsh itself starts
 * without one.
 */
public final class RwshAotBuild {

    private RwshAotBuild() {}

    public static void main(String[] args) {
        SpringApplication.run(RwshApplication.class, args);
    }
}
