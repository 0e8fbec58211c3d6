package com.digitalspiral.store.demo;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Accumulates CSV rows for one table and sends them with COPY, the fastest way into Postgres. */
final class CopyWriter {

    private final String table;
    private final String columns;
    private final StringBuilder buf = new StringBuilder(1 << 16);
    private boolean rowStarted;
    private long rows;

    CopyWriter(String table, String columns) {
        this.table = table;
        this.columns = columns;
    }

    CopyWriter value(Object v) {
        if (rowStarted) {
            buf.append(',');
        }
        rowStarted = true;
        if (v == null) {
            return this; // an unquoted empty field is NULL in CSV mode
        }
        if (v instanceof Instant t) {
            buf.append(Timestamps.sql(t));
        } else if (v instanceof UUID || v instanceof Number || v instanceof Boolean) {
            buf.append(v);
        } else {
            String s = v.toString();
            buf.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
        return this;
    }

    CopyWriter endRow() {
        buf.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    long rows() {
        return rows;
    }

    void flush(Connection c) throws SQLException {
        if (buf.isEmpty()) {
            return;
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)", new StringReader(buf.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
        buf.setLength(0);
    }
}
