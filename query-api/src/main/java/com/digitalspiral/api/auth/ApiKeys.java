package com.digitalspiral.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * API keys: {@code dsk_} and 43 characters of 256 random bits. Only their SHA-256 is stored, bound to one
 * tenant and user. Look-ups are remembered for a short while, but only while revocations are being heard
 * (the {@code spiral_key_revoked} notification makes every instance forget a revoked key the moment it
 * commits); without them every request looks its key up. A small map by hand because nothing else here
 * needs a cache library.
 */
public final class ApiKeys {

    public static final String PREFIX = "dsk_";
    static final long REMEMBER_MS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String REVOKED_CHANNEL = "spiral_key_revoked";
    private final DataSource dataSource;
    /** Remembered look-ups by the key's hash (hex), as the revocation notification names them. */
    private final ConcurrentHashMap<String, Remembered> recent = new ConcurrentHashMap<>();
    private volatile java.util.function.BooleanSupplier hearingRevocations = () -> false;

    private record Remembered(Optional<Caller> caller, long until) {}

    /** A new key: the plaintext is shown once and never stored. */
    public record Created(UUID id, String key) {}

    public ApiKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Forgets revoked keys as the listener hears of them; remembers look-ups only while it listens. */
    public ApiKeys attach(com.digitalspiral.api.events.PgListener listener) {
        listener.on(REVOKED_CHANNEL, hashHex -> {
            if (hashHex == null) {
                recent.clear(); // (re)connected: revocations may have been missed
            } else {
                recent.remove(hashHex);
            }
        });
        this.hearingRevocations = listener::listening;
        return this;
    }

    /** One key as {@code ./spiral key list} shows it: never the key itself, only its first characters. */
    public record Listed(UUID id, String tenant, String user, String name, String prefix, boolean admin,
                         java.time.Instant created, java.time.Instant revoked) {}

    /** Every key, newest first, optionally of one tenant (by name); needs the schema owner's connection. */
    public static java.util.List<Listed> list(Connection c, String tenantName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT k.id, t.name, k.user_id, k.name, k.key_prefix, k.admin, k.created_at, k.revoked_at
                FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
                WHERE ?::text IS NULL OR t.name = ? ORDER BY k.created_at DESC""")) {
            ps.setString(1, tenantName);
            ps.setString(2, tenantName);
            java.util.List<Listed> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp revoked = rs.getTimestamp(8);
                    out.add(new Listed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(),
                            revoked == null ? null : revoked.toInstant()));
                }
            }
            return out;
        }
    }

    /**
     * Revokes the key with this id, or the keys whose shown prefix (the first 12 characters) this is; the API
     * instances hear of it at commit. Returns how many keys were revoked (0: none matched, or already revoked).
     */
    public static int revoke(Connection c, String idOrPrefix) throws SQLException {
        UUID id = null;
        try {
            id = UUID.fromString(idOrPrefix);
        } catch (IllegalArgumentException notAnId) {
            if (!idOrPrefix.startsWith(PREFIX) || idOrPrefix.length() < 12) {
                throw new IllegalArgumentException("name a key by its id or by the first 12 characters 'key list' shows");
            }
        }
        try (PreparedStatement ps = c.prepareStatement(id != null
                ? "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL"
                : "UPDATE api_keys SET revoked_at = now() WHERE key_prefix = ? AND revoked_at IS NULL")) {
            if (id != null) {
                ps.setObject(1, id);
            } else {
                ps.setString(1, idOrPrefix.substring(0, 12));
            }
            return ps.executeUpdate();
        }
    }

    /** Creates a key; needs a connection allowed to write api_keys (the schema owner's, not the API's). */
    public static Created create(Connection c, UUID tenant, String user, String name, int ratePerMinute) throws SQLException {
        return create(c, tenant, user, name, ratePerMinute, false);
    }

    /** @param admin the key sees and cancels every job of its tenant, not only its user's */
    public static Created create(Connection c, UUID tenant, String user, String name, int ratePerMinute, boolean admin)
            throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO api_keys (tenant_id, user_id, name, key_prefix, key_hash, rate_limit_per_minute, admin)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setObject(1, tenant);
            ps.setString(2, user);
            ps.setString(3, name);
            ps.setString(4, key.substring(0, 12));
            ps.setBytes(5, hash(key));
            ps.setInt(6, ratePerMinute);
            ps.setBoolean(7, admin);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Created(rs.getObject(1, UUID.class), key);
            }
        }
    }

    /** The caller a presented key stands for; empty for an unknown, malformed or revoked key. */
    public Optional<Caller> authenticate(String key) throws SQLException {
        if (key == null || !key.startsWith(PREFIX) || key.length() != PREFIX.length() + 43) {
            return Optional.empty();
        }
        byte[] hash = hash(key);
        String hex = java.util.HexFormat.of().formatHex(hash);
        boolean remember = hearingRevocations.getAsBoolean();
        long now = System.currentTimeMillis();
        Remembered r = remember ? recent.get(hex) : null;
        if (r != null && r.until() > now) {
            return r.caller();
        }
        Optional<Caller> caller = lookUp(hash);
        if (remember) {
            if (recent.size() > 10_000) {
                recent.clear();
            }
            recent.put(hex, new Remembered(caller, now + REMEMBER_MS));
        }
        return caller;
    }

    private Optional<Caller> lookUp(byte[] hash) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, tenant_id, user_id, rate_limit_per_minute, admin FROM api_keys "
                     + "WHERE key_hash = ? AND revoked_at IS NULL")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Caller(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
                        rs.getBoolean(5)));
            }
        }
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
