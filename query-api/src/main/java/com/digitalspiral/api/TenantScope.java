package com.digitalspiral.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Opens a transaction that row-level security confines to one tenant (the API role sees only its rows). */
public final class TenantScope {

    private TenantScope() {}

    public static void enter(Connection c, UUID tenant) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('spiral.tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.execute();
        }
    }
}
