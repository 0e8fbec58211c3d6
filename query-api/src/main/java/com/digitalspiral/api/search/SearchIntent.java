package com.digitalspiral.api.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions that ask for issues by what they are about ("find issues about login timeouts in ALPHA", "any open
 * bugs mentioning CSV export?", "tickets similar to ALPHA-12") rather than for a figure: they go to search.
 * Only an explicit "about / mentioning / related to / similar to" makes a search; "list the blocked issues" stays
 * a question for the figures (which do not list single issues).
 */
public final class SearchIntent {

    /** A search to run, or the key of an issue whose similar issues are asked for. */
    public record Found(SearchRequest request, String similarTo) {}

    private static final String NOUNS = "issues?|tickets?|bugs?|defects?|stor(?:y|ies)|tasks?|epics?|sub-?tasks?|items?|anything|something";
    private static final Pattern SIMILAR = Pattern.compile("(?i)\\b(?:" + NOUNS + ")?\\s*(?:similar to|like|related to|duplicates? of|"
            + "same as)\\s+([A-Za-z][A-Za-z0-9_]{0,49}-\\d{1,9})\\b");
    private static final Pattern ABOUT = Pattern.compile("(?i)^\\s*(?:please\\s+|can you\\s+|could you\\s+|pls\\s+)?"
            + "(?:find|search(?:\\s+for)?|look\\s+(?:for|up)|show(?:\\s+me)?|list|get|give\\s+me|are\\s+there|is\\s+there|any|which|what)\\b"
            + "\\s*(?:me\\s+)?(?:all\\s+|the\\s+|any\\s+|some\\s+)?(?:(open|closed|resolved|unresolved|new)\\s+)?"
            + "(" + NOUNS + ")?\\s*(?:are\\s+|were\\s+|is\\s+)?(?:there\\s+)?"
            + "(?:about|mentioning|that\\s+mentions?|regarding|concerning|related\\s+to|on\\s+the\\s+topic\\s+of|containing|"
            + "matching|with\\s+the\\s+words?|that\\s+says?|saying|talking\\s+about|describing)\\s+(.+?)\\s*[?.!]*\\s*$");
    private static final Pattern IN_PROJECT = Pattern.compile("(?i)\\s+(?:in|for|from|of)\\s+(?:the\\s+)?(?:project\\s+)?([A-Za-z][A-Za-z0-9_]{1,49})(?:\\s+project)?\\s*$");
    private static final Map<String, String> TYPES = Map.of("bug", "Bug", "defect", "Bug", "story", "Story", "stories", "Story",
            "task", "Task", "epic", "Epic", "subtask", "Sub-task", "sub-task", "Sub-task");
    private static final List<String> OPEN = List.of("To Do", "In Progress", "In Review", "Blocked", "Reopened");

    private SearchIntent() {}

    /** The search a question asks for, if it asks for one; {@code projects} are the caller's project keys. */
    public static Optional<Found> read(String question, Set<String> projects) {
        if (question == null || question.length() > SearchRequests.MAX_QUERY) {
            return Optional.empty();
        }
        Matcher similar = SIMILAR.matcher(question);
        if (similar.find()) {
            return Optional.of(new Found(null, similar.group(1).toUpperCase(Locale.ROOT)));
        }
        Matcher m = ABOUT.matcher(question);
        if (!m.find()) {
            return Optional.empty();
        }
        String words = m.group(3).strip();
        List<String> projectFilter = new ArrayList<>();
        Matcher in = IN_PROJECT.matcher(words);
        if (in.find() && projects.contains(in.group(1).toUpperCase(Locale.ROOT))) {
            projectFilter.add(in.group(1).toUpperCase(Locale.ROOT));
            words = words.substring(0, in.start()).strip();
        }
        if (words.isBlank()) {
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        if (m.group(2) != null) {
            String noun = m.group(2).toLowerCase(Locale.ROOT).replaceAll("s$", "");
            String type = TYPES.get(noun.equals("storie") ? "story" : noun);
            if (type != null) {
                types.add(type);
            }
        }
        List<String> statuses = new ArrayList<>();
        if (m.group(1) != null) {
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "open", "unresolved" -> statuses.addAll(OPEN);
                case "closed", "resolved" -> statuses.add("Done");
                default -> { }
            }
        }
        SearchRequest.Filters filters = new SearchRequest.Filters(projectFilter, types, statuses, List.of(), List.of(), null, null);
        return Optional.of(new Found(new SearchRequest(words, filters, 10, SearchRequest.Mode.HYBRID), null));
    }
}
