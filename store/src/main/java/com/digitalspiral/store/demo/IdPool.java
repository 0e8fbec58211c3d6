package com.digitalspiral.store.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The ids of one table, with O(1) random pick, add and remove; thread-safe, as simulators share it. */
final class IdPool {

    private final List<UUID> ids = new ArrayList<>();
    private final Map<UUID, Integer> index = new HashMap<>();

    static IdPool load(Connection c, String table) throws SQLException {
        IdPool pool = new IdPool();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                pool.add(rs.getObject(1, UUID.class));
            }
        }
        return pool;
    }

    synchronized void add(UUID id) {
        if (index.putIfAbsent(id, ids.size()) == null) {
            ids.add(id);
        }
    }

    synchronized void remove(UUID id) {
        Integer at = index.remove(id);
        if (at == null) {
            return;
        }
        UUID last = ids.remove(ids.size() - 1);
        if (at < ids.size()) {
            ids.set(at, last);
            index.put(last, at);
        }
    }

    synchronized boolean isEmpty() {
        return ids.isEmpty();
    }

    synchronized int size() {
        return ids.size();
    }

    synchronized UUID pick(DemoRandom rnd) {
        return ids.get(rnd.nextInt(ids.size()));
    }
}
