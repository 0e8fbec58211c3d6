package com.digitalspiral.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A time dimension: the metrics' time axis truncated to a day, week (Monday), month or quarter, in UTC. */
public record TimeGrain(String name, @JsonProperty("display_name") String displayName, List<String> synonyms) {

    public TimeGrain {
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
    }
}
