package com.digitalspiral.api.translate;

import com.digitalspiral.api.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The names a tenant's questions may mention: project keys and names, sprint names, assignees, Jira sites.
 * Read as the API role with the tenant set, so row-level security guarantees that no other tenant's names
 * can ever be suggested or linked. Kept for a minute per tenant.
 */
final class TenantVocabulary {

    record Project(String key, String name) {}

    /** A sprint's name and the key of the project it belongs to (null when the sprint has none). */
    record Sprint(String name, String projectKey) {}

    record Names(List<Project> projects, List<String> sprints, List<String> assignees, List<String> instances,
                 List<Sprint> sprintProjects) {}

    private static final long KEEP_MS = 60_000;

    private record Kept(Names names, long until) {}

    private final DataSource dataSource;
    private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

    TenantVocabulary(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Names of(UUID tenant) throws SQLException {
        Kept k = kept.get(tenant);
        if (k != null && k.until() > System.currentTimeMillis()) {
            return k.names();
        }
        Names names = load(tenant);
        kept.put(tenant, new Kept(names, System.currentTimeMillis() + KEEP_MS));
        return names;
    }

    private Names load(UUID tenant) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            TenantScope.enter(c, tenant);
            try {
                List<Project> projects = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT project_key, name FROM projects ORDER BY 1");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        projects.add(new Project(rs.getString(1), rs.getString(2)));
                    }
                }
                Names names = new Names(projects,
                        strings(c, "SELECT DISTINCT name FROM sprints ORDER BY 1 LIMIT 5000"),
                        strings(c, "SELECT DISTINCT assignee FROM issues WHERE assignee IS NOT NULL AND assignee <> '' ORDER BY 1 LIMIT 5000"),
                        strings(c, "SELECT DISTINCT name FROM jira_instances ORDER BY 1"),
                        sprintProjects(c));
                c.commit();
                return names;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<Sprint> sprintProjects(Connection c) throws SQLException {
        List<Sprint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT s.name, p.project_key FROM sprints s "
                + "LEFT JOIN projects p ON p.id = s.project_id ORDER BY 1 LIMIT 5000");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Sprint(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
