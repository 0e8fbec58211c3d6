package com.digitalspiral.api.translate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Links mentions of the caller's tenant's sprints, Jira sites, projects and assignees, longest names first. */
public final class TenantLinker implements OfflineTranslator.Linker {

    private record Tables(TenantVocabulary.Names names, PhraseTable<String> sprints, PhraseTable<String> instances,
                          PhraseTable<String> projects, PhraseTable<String> assignees) {}

    private final TenantVocabulary vocabulary;
    private final Map<UUID, Tables> tables = new ConcurrentHashMap<>();

    public TenantLinker(DataSource dataSource) {
        this.vocabulary = new TenantVocabulary(dataSource);
    }

    /** The tenant's project keys (for routing questions that name a project). */
    public java.util.Set<String> projectKeys(UUID tenant) throws SQLException {
        java.util.Set<String> keys = new java.util.HashSet<>();
        vocabulary.of(tenant).projects().forEach(p -> keys.add(p.key()));
        return keys;
    }

    /** The tenant's project keys, sprint names, assignees and sites (for a language model's prompt). */
    TenantVocabulary.Names names(UUID tenant) throws SQLException {
        return vocabulary.of(tenant);
    }

    @Override
    public OfflineTranslator.Linked link(Question q, UUID tenant) throws SQLException {
        TenantVocabulary.Names names = vocabulary.of(tenant);
        Tables t = tables.get(tenant);
        if (t == null || t.names() != names) {
            t = build(names);
            tables.put(tenant, t);
        }
        List<String> sprints = values(t.sprints(), q);
        List<String> instances = values(t.instances(), q);
        List<String> projects = values(t.projects(), q);
        List<String> assignees = values(t.assignees(), q);
        if (sprints.isEmpty()) {
            sprints = sprintsByNumber(names, projects, q);
        }
        return new OfflineTranslator.Linked(projects, sprints, assignees, instances);
    }

    private static final Pattern SPRINT_NUMBER = Pattern.compile("\\b(?:sprint|iteration) (?:number |no |#)?(\\d{1,4})\\b");

    /**
     * "ALPHA … in sprint 6", "sprint 6 and sprint 5" with one project named elsewhere: sprints are numbered
     * within a project, so a sprint's number and the project said anywhere in the question name it. Linked
     * only when the number names exactly one sprint of each project said (or of the tenant when none is).
     */
    private static List<String> sprintsByNumber(TenantVocabulary.Names names, List<String> projects, Question q) {
        if (!q.readHas(SPRINT_NUMBER)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = SPRINT_NUMBER.matcher(q.read);
        while (m.find()) {
            Pattern label = Pattern.compile("(?i)\\bsprint " + Integer.parseInt(m.group(1)) + "$");
            List<TenantVocabulary.Sprint> numbered = names.sprintProjects().stream()
                    .filter(s -> label.matcher(s.name()).find())
                    .filter(s -> projects.isEmpty() || projects.contains(s.projectKey()))
                    .toList();
            int expected = projects.isEmpty() ? 1 : projects.size();
            if (numbered.size() != expected) {
                return List.of();
            }
            numbered.forEach(s -> found.add(s.name()));
        }
        q.take(SPRINT_NUMBER);
        return found;
    }

    private static List<String> values(PhraseTable<String> table, Question q) {
        return table.take(q).stream().map(PhraseTable.Hit::value).toList();
    }

    private static Tables build(TenantVocabulary.Names names) {
        PhraseTable<String> sprints = new PhraseTable<>();
        names.sprints().forEach(s -> sprints.add(s, s));
        PhraseTable<String> instances = new PhraseTable<>();
        names.instances().forEach(i -> instances.add(i, i));
        PhraseTable<String> projects = new PhraseTable<>();
        for (TenantVocabulary.Project p : names.projects()) {
            projects.add(p.name(), p.key());
            projects.add("project " + p.key(), p.key());
            projects.add(p.key() + " project", p.key());
            projects.add(p.key() + " team", p.key());
            projects.add(p.key(), p.key());
        }
        PhraseTable<String> assignees = new PhraseTable<>();
        names.assignees().stream().filter(a -> a.length() >= 3).forEach(a -> assignees.add(a, a));
        return new Tables(names, sprints, instances, projects, assignees);
    }
}
