package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sql schema commands through scripts/rwsh: exit statuses, confirmation, and sql query's quoting. */
class SqlSchemaShellIT {
    @TempDir
    Path home;

    private String endpoint() {
        return "sqlite://" + home.resolve("meta.db") + "?mode=rwc";
    }

    private Rwsh.Run rwsh(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "--no-rc";
        all[1] = "--sql-endpoint";
        all[2] = endpoint();
        System.arraycopy(args, 0, all, 3, args.length);
        return Rwsh.run(home, null, all);
    }

    @Test
    void createCheckQueryAndDropWithConfirmation() throws Exception {
        Rwsh.Run created = rwsh("-c", "sql schema create", "-c", "sql schema check");
        assertEquals(0, created.exit(), created.toString());
        assertTrue(created.out().contains("created RisingWave v2.0.7's schema in sqlite"), created.out());
        assertTrue(created.out().contains("schema matches RisingWave v2.0.7 on sqlite"), created.out());

        // A quoted statement keeps its commas.
        Rwsh.Run query = rwsh("-c", "sql query \"SELECT name, schema_id FROM schema ORDER BY schema_id\" --limit 2");
        assertEquals(0, query.exit(), query.toString());
        assertTrue(query.out().contains("(first 2 rows; more not shown: raise --limit)"), query.out());
        assertTrue(query.out().matches("(?s).*name\\s+│\\s+schema_id.*public\\s+│\\s+2.*"), query.out());

        // Refused writes and an unconfirmed drop (nobody to ask) change nothing.
        java.nio.file.Path book = home.resolve("refused.rwsh");
        java.nio.file.Files.writeString(book, "on-error continue\nsql query \"DELETE FROM user\"\nsql schema drop\n");
        Rwsh.Run refused = rwsh("-f", book.toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("sql query only reads: 'DELETE' is refused"), refused.err());
        assertTrue(refused.err().contains("sql schema drop needs confirmation: add --yes"), refused.err());

        // Still intact; then drop --yes, and check exits 3 on the differences.
        Rwsh.Run changed = rwsh("-c", "sql schema check", "-c", "sql schema drop --yes", "-c", "sql schema check");
        assertEquals(3, changed.exit(), changed.toString());
        assertTrue(changed.out().contains("schema matches RisingWave v2.0.7"), changed.out());
        assertTrue(changed.out().contains("dropped 38 of RisingWave's tables"), changed.out());
        assertTrue(changed.out().contains("missing table"), changed.out());

        // The launcher's --yes answers for the session.
        Rwsh.Run again = rwsh("--yes", "-c", "sql schema create", "-c", "sql schema drop", "-c", "sql schema status --format json");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("\"schema\" : \"none\""), again.out());
        assertTrue(again.out().contains("\"empty_of_metadata\" : true"), again.out());
    }

    @Test
    void theInteractiveShellAsksBeforeDropping() throws Exception {
        assertEquals(0, rwsh("-c", "sql schema create").exit());
        String command = "cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc --sql-endpoint '" + endpoint() + "'";
        try (Tmux tmux = new Tmux(command)) {
            tmux.waitFor("rwsh[sql]>", 90);
            tmux.type("sql schema drop");
            tmux.send("Enter");
            tmux.waitFor("Drop 38 of RisingWave's tables, with every row in them, from " + endpoint() + "? Type 'yes' to go on:", 30);
            tmux.type("no");
            tmux.send("Enter");
            tmux.waitFor("error: sql schema drop cancelled: nothing was changed", 30);
            tmux.type("sql schema drop");
            tmux.send("Enter");
            tmux.waitFor("Type 'yes' to go on:", 30);
            tmux.type("yes");
            tmux.send("Enter");
            tmux.waitFor("dropped 38 of RisingWave's tables", 30);
            tmux.type("exit");
            tmux.send("Enter");
        }
        Rwsh.Run status = rwsh("-c", "sql schema status --format json");
        assertTrue(status.out().contains("\"schema\" : \"none\""), status.out());
    }
}
