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
 * tenant and user. Look-ups are remembered for a short while (a revoked key stops working within
 * {@link #REMEMBER_MS}); a small map by hand because nothing else here needs a cache library.
 */
public final class ApiKeys {

    public static final String PREFIX = "dsk_";
    static final long REMEMBER_MS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final ConcurrentHashMap<String, Remembered> recent = new ConcurrentHashMap<>();

    private record Remembered(Optional<Caller> caller, long until) {}

    /** A new key: the plaintext is shown once and never stored. */
    public record Created(UUID id, String key) {}

    public ApiKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates a key; needs a connection allowed to write api_keys (the schema owner's, not the API's). */
    public static Created create(Connection c, UUID tenant, String user, String name, int ratePerMinute) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO api_keys (tenant_id, user_id, name, key_prefix, key_hash, rate_limit_per_minute)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setObject(1, tenant);
            ps.setString(2, user);
            ps.setString(3, name);
            ps.setString(4, key.substring(0, 12));
            ps.setBytes(5, hash(key));
            ps.setInt(6, ratePerMinute);
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
        long now = System.currentTimeMillis();
        Remembered r = recent.get(key);
        if (r != null && r.until() > now) {
            return r.caller();
        }
        Optional<Caller> caller = lookUp(key);
        if (recent.size() > 10_000) {
            recent.clear();
        }
        recent.put(key, new Remembered(caller, now + REMEMBER_MS));
        return caller;
    }

    private Optional<Caller> lookUp(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, tenant_id, user_id, rate_limit_per_minute FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
            ps.setBytes(1, hash(key));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Caller(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4)));
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
