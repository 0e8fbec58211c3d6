package com.digitalspiral.api.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One issue found, with the words that matched and where it stands now. */
public record SearchHit(@JsonProperty("issue_key") String issueKey, String summary, String snippet, double score,
                        String project, @JsonProperty("issue_type") String issueType, String status, String assignee,
                        String priority) {}
