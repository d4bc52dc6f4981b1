package dev.rwsh.shell.launch;

import org.jline.nativ.JLineNativeLoader;
import org.jline.terminal.TerminalBuilder;
import org.springframework.shell.boot.TerminalCustomizer;
import org.springframework.stereotype.Component;

/**
 * JLine asks each of its terminal providers whether standard input, output and error are terminals. When the JNI
 * provider says no (output piped or redirected, as in scripts and CI), the exec provider asks again by starting a
 * process per stream: a tenth of a {@code -c} start (docs/performance.md). When JLine's native library loads, its
 * JNI provider is the only one needed, so only it is asked; when it cannot load (a platform it has no library for,
 * a temporary directory mounted noexec), JLine keeps its own order, with the exec provider as the fallback.
 */
@Component
public class NativeTerminalFirst implements TerminalCustomizer {

    @Override
    public void customize(TerminalBuilder builder) {
        if (nativeLibraryLoads()) {
            builder.provider(TerminalBuilder.PROP_PROVIDER_JNI);
        }
    }

    private static boolean nativeLibraryLoads() {
        try {
            return JLineNativeLoader.initialize();
        } catch (Throwable e) { // UnsatisfiedLinkError and the like: not a reason to fail the start
            return false;
        }
    }
}
