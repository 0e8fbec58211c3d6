package com.digitalspiral.api.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV (commons-csv). Text that a spreadsheet would read as a formula (=, +, -, @, tab, carriage
 * return first) gets a leading apostrophe, as OWASP advises against CSV injection; numbers stay numbers.
 */
final class CsvRows implements RowWriter {

    private final CSVPrinter printer;

    CsvRows(OutputStream out) throws IOException {
        this.printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180);
    }

    @Override
    public void header(List<String> columns) throws IOException {
        List<String> safe = new ArrayList<>();
        columns.forEach(c -> safe.add(neutralize(c)));
        printer.printRecord(safe);
    }

    @Override
    public void row(JsonNode values) throws IOException {
        List<Object> cells = new ArrayList<>(values.size());
        for (JsonNode v : values) {
            cells.add(v.isNull() ? "" : v.isNumber() ? v.numberValue() : neutralize(v.asText()));
        }
        printer.printRecord(cells);
    }

    static String neutralize(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
