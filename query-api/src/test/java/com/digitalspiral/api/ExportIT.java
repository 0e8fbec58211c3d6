package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exports of a 100,000-row job result in every format, with text a spreadsheet must not run. */
class ExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 100_000;
    private static DemoData data;
    private static String key;
    private static UUID job;

    @BeforeAll
    static void setUp() throws Exception {
        data = new DemoData("export", 200);
        UUID acme = data.tenants().get(0);
        key = data.key(acme, 100_000);
        try (Connection c = data.config.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO analytics_jobs (tenant_id, user_id, spec, spec_hash, status, progress, completed_at, row_count, result)
                SELECT ?, 'tester', '{"metrics": ["wip"]}', 'export-test', 'completed', 1, now(), ?,
                       jsonb_build_object('columns', '[{"name": "assignee", "type": "string"}, {"name": "wip", "type": "number"}]'::jsonb,
                                          'rows', jsonb_agg(jsonb_build_array(
                                              CASE n % 5 WHEN 0 THEN '=SUM(A1:A9)' WHEN 1 THEN '-2+3' WHEN 2 THEN '@cmd'
                                                         WHEN 3 THEN 'comma, "quote"' || chr(10) || 'line' ELSE 'person ' || n END,
                                              n) ORDER BY n))
                FROM generate_series(1, ?) n RETURNING id""")) {
            ps.setObject(1, acme);
            ps.setInt(2, ROWS);
            ps.setInt(3, ROWS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                job = rs.getObject(1, UUID.class);
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        data.close();
    }

    private static byte[] export(String origin, String format) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(origin + "/analytics/export/" + job + "?format=" + format))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(format).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("job-" + job + "." + format);
        return r.body();
    }

    @Test
    void csvIsRfc4180AndNeutralizesFormulas() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                byte[] csv = export(client.getOrigin(), "csv");
                List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(new String(csv, java.nio.charset.StandardCharsets.UTF_8))).getRecords();
                assertThat(records).hasSize(ROWS + 1);
                assertThat(records.get(0).values()).containsExactly("assignee", "wip");
                assertThat(records.get(1).get(0)).isEqualTo("'-2+3");
                assertThat(records.get(2).get(0)).isEqualTo("'@cmd");
                assertThat(records.get(3).get(0)).isEqualTo("comma, \"quote\"\nline");
                assertThat(records.get(5).get(0)).isEqualTo("'=SUM(A1:A9)");
                assertThat(records.get(ROWS).get(1)).isEqualTo(Integer.toString(ROWS));
            });
        }
    }

    @Test
    void jsonAndXlsxCarryEveryRow() throws Exception {
        try (ApiServer server = new ApiServer(data.apiConfig())) {
            JavalinTest.test(server.app(), (app, client) -> {
                JsonNode json = JSON.readTree(export(client.getOrigin(), "json"));
                assertThat(json.get("rows").size()).isEqualTo(ROWS);
                assertThat(json.get("rows").get(ROWS - 1).get(1).asInt()).isEqualTo(ROWS);
                try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(export(client.getOrigin(), "xlsx")))) {
                    var sheet = book.getSheetAt(0);
                    assertThat(sheet.getLastRowNum()).isEqualTo(ROWS);
                    assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("=SUM(A1:A9)");
                    assertThat(sheet.getRow(5).getCell(0).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                    assertThat(sheet.getRow(ROWS).getCell(1).getNumericCellValue()).isEqualTo(ROWS);
                }
                var bad = client.get("/analytics/export/" + job + "?format=pdf", req -> req.header("Authorization", "Bearer " + key));
                assertThat(bad.code()).isEqualTo(400);
            });
        }
    }
}
