package dev.rwsh.commands;

/** Asks the user for a password without echoing it (the shell's masked prompt); the engine never reads a terminal itself. */
@FunctionalInterface
public interface PasswordPrompt {
    /** The typed password for {@code question} (such as "etcd password for root: "). */
    String ask(String question);
}
