package dev.rwsh.commands.result;

/** A result whose bytes go to standard output untouched, whatever the output format. */
public interface RawOutput {
    byte[] rawBytes();
}
