package dev.rwsh.generator;

/**
 * One of RisingWave's id generators as its meta node runs it: ids are handed out from the stored
 * value on, and the stored value is kept a multiple of 1000 ahead (so a restart skips to it).
 */
final class IdGenerator {
    static final long PREALLOCATE = 1000;

    private final String category;
    private long next;
    private long ceiling;

    IdGenerator(String category, long start) {
        this.category = category;
        this.next = start;
        this.ceiling = start + PREALLOCATE;
    }

    String category() {
        return category;
    }

    long next() {
        return take(1);
    }

    /** {@code n} consecutive ids; returns the first. */
    long take(long n) {
        long first = next;
        next += n;
        if (next > ceiling) {
            ceiling = next + PREALLOCATE;
        }
        return first;
    }

    /** A meta node restart: allocation continues from the stored ceiling. */
    void restart() {
        next = ceiling;
        ceiling = next + PREALLOCATE;
    }

    /** What etcd holds for this generator. */
    long stored() {
        return ceiling;
    }
}
