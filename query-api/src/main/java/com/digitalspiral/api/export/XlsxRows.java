package com.digitalspiral.api.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** XLSX with Apache POI's streaming writer: only a window of rows is in memory, the rest goes to a temp file. */
final class XlsxRows implements RowWriter {

    private static final int WINDOW = 200;
    private final SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
    private final SXSSFSheet sheet = book.createSheet("result");
    private final OutputStream out;
    private int next;

    XlsxRows(OutputStream out) {
        this.out = out;
        book.setCompressTempFiles(true);
    }

    @Override
    public void header(List<String> columns) {
        Row r = sheet.createRow(next++);
        for (int i = 0; i < columns.size(); i++) {
            r.createCell(i).setCellValue(columns.get(i));
        }
    }

    @Override
    public void row(JsonNode values) {
        Row r = sheet.createRow(next++);
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (v.isNull()) {
                continue;
            }
            Cell c = r.createCell(i);
            if (v.isNumber()) {
                c.setCellValue(v.doubleValue());
            } else {
                // a text cell is never evaluated as a formula
                c.setCellValue(v.asText());
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            book.write(out);
            out.flush();
        } finally {
            book.close();
        }
    }
}
