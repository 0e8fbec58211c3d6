package com.digitalspiral.api.auth;

import java.util.UUID;

/** Who is asking: fixed by the API key, never by the request. */
public record Caller(UUID keyId, UUID tenantId, String userId, int ratePerMinute) {}
