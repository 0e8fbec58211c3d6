package com.digitalspiral.catalog.spec;

/**
 * One problem of a spec.
 *
 * @param pointer the JSON pointer (RFC 6901) of the offending field, e.g. {@code /metrics/0}
 * @param suggestion the nearest valid value, or null
 */
public record SpecError(String pointer, String message, String suggestion) {}
