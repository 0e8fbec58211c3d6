package com.digitalspiral.api.auth;

import java.util.UUID;

/**
 * Who is asking: fixed by the API key, never by the request.
 *
 * @param admin an admin key sees and cancels every job of its tenant; others only their user's
 */
public record Caller(UUID keyId, UUID tenantId, String userId, int ratePerMinute, boolean admin) {

    /** A caller without admin rights. */
    public Caller(UUID keyId, UUID tenantId, String userId, int ratePerMinute) {
        this(keyId, tenantId, userId, ratePerMinute, false);
    }
}
