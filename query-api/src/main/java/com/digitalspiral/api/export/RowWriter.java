package com.digitalspiral.api.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/** Writes a result row by row to a stream, so an export needs memory for one row, not the result. */
interface RowWriter extends AutoCloseable {

    void header(List<String> columns) throws IOException;

    void row(JsonNode values) throws IOException;

    @Override
    void close() throws IOException;
}
