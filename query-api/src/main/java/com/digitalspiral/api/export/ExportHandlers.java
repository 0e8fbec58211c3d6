package com.digitalspiral.api.export;

import com.digitalspiral.api.TenantScope;
import com.digitalspiral.api.auth.AuthFilter;
import com.digitalspiral.api.errors.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * GET /analytics/export/{job_id}?format=csv|xlsx|json: a completed job's rows, read from Postgres with a cursor
 * (1,000 rows at a time) and written as they arrive, so memory stays flat however many rows there are.
 */
public final class ExportHandlers {

    private final DataSource api;
    private final ObjectMapper json;

    public ExportHandlers(DataSource api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    public void export(Context ctx) throws Exception {
        com.digitalspiral.api.auth.Caller caller = AuthFilter.caller(ctx);
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("job_id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("no job with that id");
        }
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        if (!List.of("csv", "xlsx", "json").contains(format)) {
            throw ApiProblem.badRequest("invalid-format", "format is csv, xlsx or json, not '"
                    + (format.length() > 20 ? format.substring(0, 20) : format) + "'");
        }
        try (Connection c = api.getConnection()) {
            TenantScope.enter(c, caller);
            List<String> columns = columns(c, id);
            ctx.contentType(switch (format) {
                case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                case "json" -> "application/json";
                default -> "text/csv; charset=utf-8";
            });
            ctx.header("Content-Disposition", "attachment; filename=\"job-" + id + "." + format + "\"");
            OutputStream out = ctx.outputStream();
            try (RowWriter writer = switch (format) {
                case "xlsx" -> new XlsxRows(out);
                case "json" -> new JsonRows(out, json);
                default -> new CsvRows(out);
            }; PreparedStatement rows = c.prepareStatement(
                    "SELECT e.r::text FROM analytics_jobs j, jsonb_array_elements(j.result->'rows') WITH ORDINALITY e(r, n) "
                            + "WHERE j.id = ? ORDER BY e.n")) {
                writer.header(columns);
                rows.setObject(1, id);
                rows.setFetchSize(1000);
                try (ResultSet rs = rows.executeQuery()) {
                    while (rs.next()) {
                        writer.row(json.readTree(rs.getString(1)));
                    }
                }
            }
            c.commit();
        }
    }

    private List<String> columns(Connection c, UUID id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, result->'columns' FROM analytics_jobs WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiProblem.notFound("no job " + id);
                }
                if (!"completed".equals(rs.getString(1))) {
                    throw new ApiProblem(409, "job-not-completed", "Job not completed", "the job is " + rs.getString(1));
                }
                List<String> names = new ArrayList<>();
                for (JsonNode col : json.readTree(rs.getString(2))) {
                    names.add(col.path("name").asText());
                }
                return names;
            }
        }
    }
}
