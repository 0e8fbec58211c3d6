-- Issue 13: sync tools often TRUNCATE a table and load it again. The change stream carries row changes; a TRUNCATE
-- would leave the figures of every row it removed in place (Debezium skips truncate events, and a truncate names no
-- row, so the keyed operators could not tell whose figures to change). Before a captured table is truncated, its rows
-- are deleted one by one in the same transaction: the deletes travel through the publication like any other, for
-- every tenant the table held, and the TRUNCATE then finds the table empty. A TRUNCATE of these tables costs what a
-- DELETE of all their rows costs.
CREATE FUNCTION spiral_truncate_as_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- a reset of all the data (Database.truncateAll) starts the pipeline over anyway
    IF current_setting('spiral.truncate_for_reset', true) = 'on' THEN
        RETURN NULL;
    END IF;
    EXECUTE format('DELETE FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER projects_truncate_as_delete BEFORE TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION spiral_truncate_as_delete();
CREATE TRIGGER issues_truncate_as_delete BEFORE TRUNCATE ON issues
    FOR EACH STATEMENT EXECUTE FUNCTION spiral_truncate_as_delete();
CREATE TRIGGER sprints_truncate_as_delete BEFORE TRUNCATE ON sprints
    FOR EACH STATEMENT EXECUTE FUNCTION spiral_truncate_as_delete();
CREATE TRIGGER sprint_issues_truncate_as_delete BEFORE TRUNCATE ON sprint_issues
    FOR EACH STATEMENT EXECUTE FUNCTION spiral_truncate_as_delete();
CREATE TRIGGER comments_truncate_as_delete BEFORE TRUNCATE ON comments
    FOR EACH STATEMENT EXECUTE FUNCTION spiral_truncate_as_delete();
CREATE TRIGGER changelogs_truncate_as_delete BEFORE TRUNCATE ON changelogs
    FOR EACH STATEMENT EXECUTE FUNCTION spiral_truncate_as_delete();
