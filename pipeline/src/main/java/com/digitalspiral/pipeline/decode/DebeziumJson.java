package com.digitalspiral.pipeline.decode;

import com.digitalspiral.pipeline.model.IssueText;
import com.digitalspiral.pipeline.model.Rows.ChangelogRow;
import com.digitalspiral.pipeline.model.Rows.CommentRow;
import com.digitalspiral.pipeline.model.Rows.IssueRow;
import com.digitalspiral.pipeline.model.Rows.ProjectRow;
import com.digitalspiral.pipeline.model.Rows.SprintIssueRow;
import com.digitalspiral.pipeline.model.Rows.SprintRow;
import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes Debezium change events in JSON, as Flink CDC's JsonDebeziumDeserializationSchema and Debezium's
 * Kafka JsonConverter write them (with or without the schema envelope), into {@link SourceChange}s.
 * An update that moves a row to another issue or sprint becomes a delete of the old image followed by an
 * upsert of the new one, so keyed state downstream forgets the row where it was.
 */
public final class DebeziumJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DebeziumJson() {}

    /**
     * @param snapshotTs the time to give snapshot reads, which carry no commit time (ms)
     * @return the changes, possibly none (a Kafka tombstone or a table the pipeline does not use)
     */
    public static List<SourceChange> decode(String event, long snapshotTs) throws DecodeException {
        Envelope e = envelope(event, snapshotTs);
        if (e == null) {
            return List.of();
        }
        Table table = e.table();
        String op = e.op();
        if (table == Table.HEARTBEAT) {
            // the probe's row is rewritten every second; only the commit time of an insert or update matters
            return op.equals("d") || op.equals("t") || op.equals("m") ? List.of() : List.of(SourceChange.heartbeat(e.ts()));
        }
        long ts = e.ts();
        String tableName = e.tableName();
        JsonNode before = e.before();
        JsonNode after = e.after();
        switch (op) {
            case "c", "r" -> {
                return List.of(SourceChange.of(false, ts, row(table, after, "after")));
            }
            case "d" -> {
                return List.of(SourceChange.of(true, ts, row(table, before, "before")));
            }
            case "u" -> {
                Object newRow = row(table, after, "after");
                if (before != null && !before.isNull()) {
                    Object oldRow = row(table, before, "before");
                    if (!Objects.equals(routing(oldRow), routing(newRow))) {
                        List<SourceChange> out = new ArrayList<>(2);
                        out.add(SourceChange.of(true, ts, oldRow));
                        out.add(SourceChange.of(false, ts, newRow));
                        return out;
                    }
                }
                return List.of(SourceChange.of(false, ts, newRow));
            }
            case "t", "m" -> {
                return List.of(); // truncate and logical messages carry no rows
            }
            default -> throw new DecodeException("unknown op '" + op + "' on " + tableName);
        }
    }

    /** Debezium's placeholder for a TOASTed value the event does not carry. */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    /**
     * The text of an issue change (summary and description), for the embedding branch; none for other tables,
     * truncates and events that cannot be read (those go to dead letters through {@link #decode}).
     */
    public static List<IssueText> issueTexts(String event, long snapshotTs) throws DecodeException {
        Envelope e = envelope(event, snapshotTs);
        if (e == null || e.table() != Table.ISSUES) {
            return List.of();
        }
        boolean delete = e.op().equals("d");
        if (!delete && !List.of("c", "r", "u").contains(e.op())) {
            return List.of();
        }
        JsonNode n = delete ? e.before() : e.after();
        String where = "issues " + (delete ? "before" : "after");
        if (n == null || !n.isObject()) {
            throw new DecodeException(where + " image is missing");
        }
        String summary = text(n, "summary");
        String description = text(n, "description");
        boolean unavailable = UNAVAILABLE.equals(summary) || UNAVAILABLE.equals(description);
        return List.of(new IssueText(required(n, "id", where), required(n, "tenant_id", where), summary, description,
                delete, e.ts(), unavailable));
    }

    /** The parts of a change event every reader needs. */
    private record Envelope(String op, String tableName, Table table, long ts, JsonNode before, JsonNode after) {}

    /** Null for what carries no change of a captured table (a tombstone, another table). */
    private static Envelope envelope(String event, long snapshotTs) throws DecodeException {
        if (event == null || event.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (JsonProcessingException e) {
            throw new DecodeException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return null;
        }
        JsonNode payload = root.has("payload") && root.has("schema") ? root.get("payload") : root;
        if (payload == null || payload.isNull()) {
            return null;
        }
        String op = text(payload, "op");
        if (op == null) {
            throw new DecodeException("event has no 'op'");
        }
        JsonNode source = payload.get("source");
        if (source == null || !source.isObject()) {
            throw new DecodeException("event has no 'source' block");
        }
        String tableName = text(source, "table");
        if (tableName == null) {
            throw new DecodeException("event's source block names no table");
        }
        Table table = Table.of(tableName);
        if (table == null) {
            return null;
        }
        long ts;
        if ("r".equals(op)) {
            ts = snapshotTs;
        } else {
            JsonNode tsNode = source.get("ts_ms");
            if (tsNode == null || !tsNode.canConvertToLong()) {
                throw new DecodeException(tableName + " event has no source.ts_ms");
            }
            ts = tsNode.asLong();
        }
        return new Envelope(op, tableName, table, ts, payload.get("before"), payload.get("after"));
    }

    /** What decides where a row's state lives downstream; a change of it is a move. */
    private static String routing(Object row) {
        if (row instanceof SprintIssueRow r) {
            return r.id() + "|" + r.sprintId() + "|" + r.issueId();
        } else if (row instanceof CommentRow r) {
            return r.id() + "|" + r.issueId();
        } else if (row instanceof ChangelogRow r) {
            return r.id() + "|" + r.issueId();
        } else if (row instanceof IssueRow r) {
            return r.id();
        } else if (row instanceof SprintRow r) {
            return r.id();
        }
        return ((ProjectRow) row).id();
    }

    private static Object row(Table table, JsonNode n, String image) throws DecodeException {
        String where = table.name().toLowerCase() + " " + image;
        if (n == null || !n.isObject()) {
            throw new DecodeException(where + " image is missing");
        }
        return switch (table) {
            case PROJECTS -> new ProjectRow(required(n, "id", where), text(n, "project_key"));
            case ISSUES -> new IssueRow(required(n, "id", where), required(n, "tenant_id", where), text(n, "instance_id"),
                    text(n, "project_id"), text(n, "issue_key"), text(n, "issue_type"),
                    time(n, "jira_created_at", where), time(n, "resolved_at", where));
            case SPRINTS -> new SprintRow(required(n, "id", where), required(n, "tenant_id", where), text(n, "instance_id"),
                    text(n, "project_id"), text(n, "name"), text(n, "state"),
                    time(n, "start_date", where), time(n, "end_date", where), time(n, "complete_date", where));
            case SPRINT_ISSUES -> new SprintIssueRow(required(n, "id", where), text(n, "tenant_id"),
                    required(n, "sprint_id", where), required(n, "issue_id", where),
                    time(n, "added_at", where), time(n, "removed_at", where), number(n, "story_points", where),
                    bool(n, "completed"));
            case COMMENTS -> new CommentRow(required(n, "id", where), required(n, "issue_id", where),
                    time(n, "jira_created_at", where));
            case CHANGELOGS -> new ChangelogRow(required(n, "id", where), required(n, "issue_id", where),
                    requiredTime(n, "jira_created_at", where), items(n.get("items"), where));
            case HEARTBEAT -> throw new IllegalStateException("a heartbeat has no row"); // decoded before
        };
    }

    /** Keeps the status and Flagged items, in order, as "S"/"F" + toString (null toString as empty). */
    static String[] items(JsonNode raw, String where) throws DecodeException {
        if (raw == null || raw.isNull()) {
            throw new DecodeException(where + ": 'items' is missing");
        }
        JsonNode items = raw;
        if (raw.isTextual()) {
            try {
                items = JSON.readTree(raw.asText());
            } catch (JsonProcessingException e) {
                throw new DecodeException(where + ": 'items' is not JSON: " + e.getOriginalMessage());
            }
        }
        if (items == null || !items.isArray()) {
            return new String[0]; // the reference SQL reads a non-array as no items
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                continue;
            }
            JsonNode field = item.get("field");
            if (field == null || !field.isValueNode() || field.isNull()) {
                continue;
            }
            String f = field.asText();
            String prefix = "status".equals(f) ? ChangelogRow.STATUS : "Flagged".equals(f) ? ChangelogRow.FLAGGED : null;
            if (prefix == null) {
                continue;
            }
            JsonNode to = item.get("toString");
            out.add(prefix + (to == null || to.isNull() ? "" : to.isValueNode() ? to.asText() : to.toString()));
        }
        return out.toArray(new String[0]);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field, String where) throws DecodeException {
        String v = text(n, field);
        if (v == null) {
            throw new DecodeException(where + ": '" + field + "' is missing");
        }
        return v;
    }

    private static Long requiredTime(JsonNode n, String field, String where) throws DecodeException {
        Long v = time(n, field, where);
        if (v == null) {
            throw new DecodeException(where + ": '" + field + "' is missing");
        }
        return v;
    }

    /** Microseconds since the epoch from Debezium's ZonedTimestamp text (or a number of microseconds). */
    static Long time(JsonNode n, String field, String where) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        try {
            return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, OffsetDateTime.parse(v.asText()).toInstant());
        } catch (DateTimeParseException e) {
            throw new DecodeException(where + ": '" + field + "' is not a timestamp: " + v.asText());
        }
    }

    private static Double number(JsonNode n, String field, String where) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new DecodeException(where + ": '" + field + "' is not a number: " + v);
        }
        return v.asDouble();
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }
}
