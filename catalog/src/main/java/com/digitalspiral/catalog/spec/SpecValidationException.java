package com.digitalspiral.catalog.spec;

import java.util.List;

/** A spec the catalog cannot answer, with every problem found. */
public final class SpecValidationException extends RuntimeException {

    private final transient List<SpecError> errors;

    public SpecValidationException(List<SpecError> errors) {
        super(errors.isEmpty() ? "invalid spec" : errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
