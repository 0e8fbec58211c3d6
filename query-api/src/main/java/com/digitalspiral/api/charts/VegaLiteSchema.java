package com.digitalspiral.api.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Vega-Lite v5 JSON schema (vega-lite 5.23.0's build/vega-lite-schema.json, minified, in the resources) and
 * a check of a spec against it. Loaded once: parsing the 1.4 MB schema takes a second, a check a few milliseconds.
 */
public final class VegaLiteSchema {

    public static final String VERSION = "5.23.0";
    public static final String SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v5.json";
    private static final String RESOURCE = "/vega-lite/v" + VERSION + ".schema.json";

    private final Schema schema;

    public VegaLiteSchema() {
        try (InputStream in = VegaLiteSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Vega-Lite schema " + RESOURCE + " is missing from the classpath");
            }
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
            schema.initializeValidators();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about the spec, each naming where (a JSON path) and what; empty when valid. */
    public List<String> problems(JsonNode spec) {
        List<Error> errors = schema.validate(spec);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).distinct().limit(20).toList();
    }
}
