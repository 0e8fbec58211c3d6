package com.digitalspiral.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An analytics job as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Job(
        UUID id,
        @JsonProperty("user_id") String userId,
        String status,
        double progress,
        JsonNode spec,
        String question,
        String error,
        @JsonProperty("row_count") Integer rowCount,
        @JsonProperty("query_time_ms") Integer queryTimeMs,
        int attempts,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("completed_at") Instant completedAt) {

    public boolean finished() {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }
}
