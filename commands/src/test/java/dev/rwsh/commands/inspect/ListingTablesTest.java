package dev.rwsh.commands.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.keys.KeysCommand;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listings as programs read them (CSV tables): no tree glyphs, and a note when --limit cut them. */
class ListingTablesTest {

    private static MemoryKeyspace cluster() {
        MemoryKeyspace ks = new MemoryKeyspace();
        ClusterGenerator.generate(ClusterGenerator.Options.small(5), ks);
        return ks;
    }

    @Test
    void catalogForCsvNamesEachRowByPathAndParentWithoutTreeGlyphs() {
        CatalogCommand.CatalogResult catalog = CatalogCommand.run(cluster(), null);
        TableView tree = catalog.tables().get(0);
        assertTrue(tree.rows().stream().anyMatch(r -> r.get(0).toString().contains("└─")), "the table view draws a tree");

        TableView flat = catalog.csvTables().get(0);
        assertEquals(List.of("path", "parent", "name", "kind", "id", "owner", "streaming job", "details"), flat.columns());
        for (List<Object> row : flat.rows()) {
            String joined = row.toString();
            assertFalse(joined.matches("(?s).*[│├└─\u00a0].*"), "tree glyph in a CSV row: " + joined);
            String path = (String) row.get(0);
            String parent = (String) row.get(1);
            String name = (String) row.get(2);
            assertEquals(parent.isEmpty() ? name : parent + "." + name, path);
        }
        assertTrue(flat.rows().contains(List.of("dev", "", "dev", "database", 0L, "root", "", "")), flat.rows().toString());
        assertTrue(flat.rows().stream().anyMatch(r -> r.get(0).equals("dev.public.order_stats") && r.get(3).equals("materialized view")),
                flat.rows().toString());
        // an internal table's parent is the object whose streaming job owns it
        assertTrue(flat.rows().stream().anyMatch(r -> r.get(3).equals("internal table") && r.get(1).toString().startsWith("dev.public.")
                && !r.get(1).equals("dev.public")), flat.rows().toString());
        // the other tables (users) are the same as for the eye
        assertEquals(catalog.tables().subList(1, catalog.tables().size()), catalog.csvTables().subList(1, catalog.csvTables().size()));
    }

    @Test
    void keysSayWhenTheListingWasCutByLimit() {
        MemoryKeyspace ks = cluster();
        KeysCommand.KeysResult cut = KeysCommand.run(ks, "cf/", 3);
        assertTrue(cut.truncated());
        assertEquals(2, cut.tables().size());
        assertEquals(TableView.message("(first 3 keys; more not shown: raise --limit)"), cut.tables().get(1));
        assertEquals(cut.tables(), cut.csvTables());

        KeysCommand.KeysResult whole = KeysCommand.run(ks, "cf/", 1_000_000);
        assertFalse(whole.truncated());
        assertEquals(1, whole.tables().size());
    }
}
