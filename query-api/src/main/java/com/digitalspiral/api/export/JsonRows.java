package com.digitalspiral.api.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** {"columns": [...], "rows": [[...], ...]}, generated as it goes. */
final class JsonRows implements RowWriter {

    private final JsonGenerator out;
    private final ObjectMapper json;

    JsonRows(OutputStream stream, ObjectMapper json) throws IOException {
        this.json = json;
        this.out = json.getFactory().createGenerator(stream, JsonEncoding.UTF8);
    }

    @Override
    public void header(List<String> columns) throws IOException {
        out.writeStartObject();
        out.writeFieldName("columns");
        json.writeValue(out, columns);
        out.writeFieldName("rows");
        out.writeStartArray();
    }

    @Override
    public void row(JsonNode values) throws IOException {
        json.writeTree(out, values);
    }

    @Override
    public void close() throws IOException {
        out.writeEndArray();
        out.writeEndObject();
        out.close();
    }
}
