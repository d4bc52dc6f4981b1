package dev.rwsh.shell.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.commands.result.RawOutput;
import dev.rwsh.commands.result.TableView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one output layer: every command result goes through here, as a table (boxed and fitted to a width, or
 * expanded one field per line), JSON or CSV.
 */
@Component
public class OutputRenderer {
    /** Made on the first JSON output (class initialisation is lazy): Jackson is a few hundred classes at start. */
    private static final class Json {
        /** snake_case field names everywhere, as in RisingWave's own protobuf JSON. */
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** Made on the first CSV output, like {@link Json}. */
    private static final class Csv {
        /** Quote a field only when it needs it, however long: stable output for scripts that diff it. */
        static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    }

    /** Renders at natural width, never expanded. */
    public void render(Object result, OutputFormat format, PrintStream out) {
        render(result, format, TableLayout.UNLIMITED, out);
    }

    public void render(Object result, OutputFormat format, TableLayout layout, PrintStream out) {
        if (result == null) {
            return;
        }
        if (result instanceof RawOutput raw && raw.rawBytes() != null) {
            writeRaw(raw.rawBytes(), out);
            return;
        }
        switch (format) {
            case JSON -> renderJson(result, out);
            case CSV -> renderCsv(result, out);
            case TABLE -> renderTable(result, layout, out);
        }
        out.flush();
    }

    private void renderJson(Object result, PrintStream out) {
        try {
            Json.MAPPER.writeValue((OutputStream) out, result);
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void renderCsv(Object result, PrintStream out) {
        if (result instanceof MessageResult m) {
            writeCsvRows(List.of(List.of("message"), List.of(m.message())), out);
            return;
        }
        List<TableView> tables = result instanceof CommandResult r ? r.csvTables() : tablesOf(result);
        for (int i = 0; i < tables.size(); i++) {
            if (i > 0) {
                out.println();
            }
            TableView table = tables.get(i);
            List<List<?>> rows = new ArrayList<>();
            rows.add(table.columns());
            rows.addAll(table.rows());
            writeCsvRows(rows, out);
        }
    }

    private void writeCsvRows(List<? extends List<?>> rows, PrintStream out) {
        try {
            var writer = Csv.MAPPER.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValues((OutputStream) out);
            for (List<?> row : rows) {
                writer.write(row.stream().map(OutputRenderer::cell).toArray(String[]::new));
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void renderTable(Object result, TableLayout layout, PrintStream out) {
        if (result instanceof MessageResult m) {
            printWrapped(m.message(), layout.width(), out);
            return;
        }
        List<TableView> tables = tablesOf(result);
        for (int i = 0; i < tables.size(); i++) {
            if (i > 0) {
                out.println();
            }
            renderOneTable(tables.get(i), layout, out);
        }
    }

    private void renderOneTable(TableView table, TableLayout layout, PrintStream out) {
        if (table.title() != null) {
            printWrapped(table.title() + ":", layout.width(), out);
        }
        if (table.columns().size() == 1 && table.rows().size() == 1) {
            // A single value (a decoded message, a hex dump) reads best without a box around it.
            printWrapped(cell(table.rows().get(0).get(0)), layout.width(), out);
            return;
        }
        int natural = BoxTable.naturalWidth(table.columns(), table.rows());
        boolean expanded = !table.rows().isEmpty() && layout.expands(natural, table.columns().size());
        List<String> lines = expanded ? ExpandedTable.render(table.columns(), table.rows(), layout.width())
                : BoxTable.render(table.columns(), table.rows(), layout.width());
        lines.forEach(out::println);
        if (table.rows().isEmpty()) {
            out.println("(no rows)");
        }
    }

    /** Text outside a box, broken at spaces to the width (0: as it is) rather than wherever the terminal wraps it. */
    private static void printWrapped(String text, int width, PrintStream out) {
        if (width <= 0) {
            out.println(text);
        } else {
            CellText.wrap(text, width).forEach(out::println);
        }
    }

    private static List<TableView> tablesOf(Object result) {
        if (result instanceof CommandResult r) {
            return r.tables();
        }
        return List.of(TableView.builder(null, "result").row(String.valueOf(result)).build());
    }

    private static void writeRaw(byte[] bytes, PrintStream out) {
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    static String cell(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
