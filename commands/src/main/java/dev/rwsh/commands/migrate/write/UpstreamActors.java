package dev.rwsh.commands.migrate.write;

/**
 * An actor's upstream actors by upstream fragment, as its merge nodes list them, in flat ints from
 * {@code data[offset]}: the number of merges, then per merge (ascending fragment id) the upstream
 * fragment id, the number of its actors and those actor ids. Flat, so that the validating pass can keep
 * every actor's for the writing pass in a few arrays; actors with the same upstreams share one copy.
 */
public record UpstreamActors(int[] data, int offset) {
    /** The flat form read on its own. */
    public static UpstreamActors of(int[] flat) {
        return new UpstreamActors(flat, 0);
    }
}
