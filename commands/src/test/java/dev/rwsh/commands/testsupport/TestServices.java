package dev.rwsh.commands.testsupport;

import java.nio.file.Path;

/**
 * The real servers {@code scripts/test} starts, as it announces them in RWSH_TEST_* variables.
 * A missing variable fails the test: integration tests never pass by skipping.
 */
public final class TestServices {
    private TestServices() {
    }

    /** The etcd that holds test data, HOST:PORT. */
    public static String etcd() {
        return require("RWSH_TEST_ETCD");
    }

    /** A second etcd, kept empty for restore tests, HOST:PORT. */
    public static String etcd2() {
        return require("RWSH_TEST_ETCD2");
    }

    public static String postgresUrl() {
        return require("RWSH_TEST_POSTGRES_URL");
    }

    public static String postgresAdminUrl() {
        return require("RWSH_TEST_POSTGRES_ADMIN_URL");
    }

    public static String mysqlUrl() {
        return require("RWSH_TEST_MYSQL_URL");
    }

    public static String mysqlAdminUrl() {
        return require("RWSH_TEST_MYSQL_ADMIN_URL");
    }

    public static Path etcdBinary() {
        return Path.of(require("RWSH_TEST_ETCD_BIN"));
    }

    public static Path etcdctlBinary() {
        return Path.of(require("RWSH_TEST_ETCDCTL_BIN"));
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests through scripts/test "
                    + "(or start scripts/test --serve and source the env file it writes)");
        }
        return value;
    }
}
