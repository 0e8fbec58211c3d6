package com.digitalspiral.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Opens a transaction that row-level security confines to one tenant (the API role sees only its rows). */
public final class TenantScope {

    private TenantScope() {}

    /**
     * As {@link #enter(Connection, UUID)}, and says who asks: jobs are visible to their own user, or to every user
     * of the tenant for an admin key (the jobs table's row-level policy reads both settings).
     */
    public static void enter(Connection c, com.digitalspiral.api.auth.Caller caller) throws SQLException {
        enter(c, caller.tenantId());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT set_config('spiral.user_id', ?, true), set_config('spiral.job_scope', ?, true)")) {
            ps.setString(1, caller.userId());
            ps.setString(2, caller.admin() ? "tenant" : "own");
            ps.execute();
        }
    }

    public static void enter(Connection c, UUID tenant) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('spiral.tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.execute();
        }
    }
}
