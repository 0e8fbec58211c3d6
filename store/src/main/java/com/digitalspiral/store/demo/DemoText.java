package com.digitalspiral.store.demo;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The words of demo issues: summaries, descriptions and comments as a Jira site holds them (components,
 * actions, symptoms, environments, error messages), in varied wording.
 *
 * <p>Every issue is about one {@link Topic}: a bug is a component and a symptom ("checkout" + "times out"),
 * a story a component and a capability, a task or sub-task a component and a chore, an epic a component.
 * Issues of one topic are re-reports and follow-ups of each other, written in other words: that is the
 * ground truth "similar issues" and search are measured on. The topic and the text come from a random
 * source seeded by the issue's id alone, so the rest of the demo data (and every figure) does not depend
 * on them, and the topic of any issue can be recomputed from its id and type.
 */
public final class DemoText {

    /** What an issue is about; issues with equal topics are about the same thing. */
    public record Topic(String kind, String component, String aspect) {
        /** A stable name for the topic, e.g. "bug/checkout/timeout". */
        public String id() {
            return kind + "/" + component + (aspect.isEmpty() ? "" : "/" + aspect);
        }
    }

    /** An issue's words. {@code description} may be null, as in Jira. */
    public record Written(Topic topic, String summary, String description) {}

    private record Component(String name, String[] words, String service, String[] features) {}

    /** A kind of failure; {@code only} lists the components it happens to (empty: any). */
    private record Symptom(String name, String[] summaries, String[] actual, String[] errors, String... only) {}

    private static final long SALT = 0x5EED_7E47L;

    // ---- the product the demo teams build --------------------------------------------------------------

    private static final List<Component> COMPONENTS = List.of(
            new Component("login", new String[] {"login", "sign-in", "the login page", "authentication"}, "AuthService",
                    new String[] {"remember me on trusted devices", "two-factor authentication with an authenticator app",
                        "single sign-on with Okta (SAML)", "a lockout after repeated failed attempts"}),
            new Component("password-reset", new String[] {"password reset", "the forgot-password flow", "reset password emails"},
                    "PasswordResetController", new String[] {"reset links that expire after 30 minutes",
                        "a password strength meter", "reset by SMS code"}),
            new Component("checkout", new String[] {"checkout", "the checkout flow", "the payment step", "order submission"},
                    "CheckoutService", new String[] {"Apple Pay and Google Pay at checkout", "saved cards for returning customers",
                        "guest checkout without an account", "promo codes at checkout"}),
            new Component("payments", new String[] {"payments", "the payment gateway", "card payments", "Stripe charges"},
                    "PaymentGatewayClient", new String[] {"automatic retries of declined card payments",
                        "refunds from the admin console", "3-D Secure for EU cards"}),
            new Component("cart", new String[] {"the shopping cart", "cart", "basket"}, "CartService",
                    new String[] {"a persistent cart across devices", "quantity limits per product", "save for later in the cart"}),
            new Component("search", new String[] {"search", "product search", "the search bar", "search results"}, "SearchIndexer",
                    new String[] {"typo-tolerant search", "filters by price and brand", "search suggestions while typing"}),
            new Component("csv-export", new String[] {"CSV export", "the export to CSV", "exported spreadsheets", "report downloads"},
                    "ExportJob", new String[] {"scheduled exports sent by email", "Excel (XLSX) export", "choosing columns before export"}),
            new Component("notifications", new String[] {"email notifications", "notification emails", "alert emails",
                "the notification service"}, "NotificationDispatcher", new String[] {"a daily digest instead of single emails",
                    "Slack notifications for mentions", "per-project notification settings"}),
            new Component("push", new String[] {"push notifications", "mobile push", "push alerts"}, "PushGateway",
                    new String[] {"quiet hours for push notifications", "rich push with images"}),
            new Component("dashboard", new String[] {"the dashboard", "dashboard widgets", "the home dashboard", "the analytics dashboard"},
                    "DashboardController", new String[] {"a dark mode for the dashboard", "drag-and-drop widget layout",
                        "sharing a dashboard by link"}),
            new Component("upload", new String[] {"file upload", "attachments", "uploading files", "the attachment upload"},
                    "UploadHandler", new String[] {"uploads larger than 100 MB", "drag-and-drop upload", "virus scanning of attachments"}),
            new Component("profile", new String[] {"the user profile", "profile settings", "account settings", "the profile page"},
                    "ProfileService", new String[] {"profile pictures", "deleting an account (GDPR)", "changing the account email"}),
            new Component("billing", new String[] {"billing", "invoices", "the invoice PDF", "subscription billing"}, "InvoiceGenerator",
                    new String[] {"VAT numbers on invoices", "annual billing with a discount", "downloadable invoice history"}),
            new Component("api", new String[] {"the public API", "REST API", "API endpoints", "the v2 API"}, "ApiGateway",
                    new String[] {"API keys with scopes", "cursor pagination in the API", "an OpenAPI spec for v2"}),
            new Component("webhooks", new String[] {"webhooks", "webhook deliveries", "outgoing webhooks"}, "WebhookSender",
                    new String[] {"retrying failed webhook deliveries", "signing webhook payloads", "a webhook delivery log"}),
            new Component("mobile-app", new String[] {"the mobile app", "the iOS app", "the Android app", "the app"}, "MobileBridge",
                    new String[] {"offline mode in the mobile app", "biometric login in the app", "tablet layout"}),
            new Component("reporting", new String[] {"reports", "the monthly report", "sales reports", "reporting"}, "ReportBuilder",
                    new String[] {"custom date ranges in reports", "comparing two periods in a report", "report scheduling"}),
            new Component("import", new String[] {"data import", "the CSV import", "importing contacts", "bulk import"}, "ImportWorker",
                    new String[] {"mapping columns on import", "importing from Salesforce", "a dry run before import"}),
            new Component("audit-log", new String[] {"the audit log", "audit trail", "activity log"}, "AuditLogWriter",
                    new String[] {"exporting the audit log", "filtering the audit log by user"}),
            new Component("i18n", new String[] {"translations", "localization", "the German translation", "date formats"},
                    "LocaleResolver", new String[] {"French and Spanish translations", "right-to-left languages", "local currency formats"}));

    private static final List<Symptom> SYMPTOMS = List.of(
            new Symptom("timeout", new String[] {"%s times out", "%s hangs and then times out", "Timeout in %s", "%s takes forever and fails"},
                    new String[] {"the request spins for about 30 seconds and then fails", "the page never finishes loading",
                        "it hangs, then shows \"Something went wrong\""},
                    new String[] {"java.net.SocketTimeoutException: Read timed out", "504 Gateway Timeout",
                        "upstream request timeout after 30000 ms"}),
            new Symptom("server-error", new String[] {"%s returns 500", "500 error in %s", "Internal server error on %s",
                "%s fails with HTTP 500"},
                    new String[] {"the server answers with a 500 error", "we get an error page instead of the result"},
                    new String[] {"HTTP 500 Internal Server Error", "java.lang.NullPointerException at %s.handle(%s.java:%d)",
                        "IllegalStateException: %s not initialised"}),
            new Symptom("blank-page", new String[] {"Blank page in %s", "%s shows an empty white screen", "%s renders nothing"},
                    new String[] {"the screen stays white", "nothing renders and the console is full of errors"},
                    new String[] {"TypeError: Cannot read properties of undefined (reading 'id')",
                        "Uncaught ReferenceError: process is not defined"}, "dashboard", "checkout", "profile", "search", "reporting", "login"),
            new Symptom("slow", new String[] {"%s is very slow", "Slow response times in %s", "Performance regression in %s",
                "%s got much slower"},
                    new String[] {"it takes 8-10 seconds instead of under one", "p95 latency went from 300 ms to 4 s"},
                    new String[] {"slow query: seq scan on orders (cost=0.00..98213.40)", "GC pauses over 2 s in %s"}),
            new Symptom("crash", new String[] {"%s crashes", "Crash when opening %s", "App crash in %s", "%s closes unexpectedly"},
                    new String[] {"the app closes immediately", "it crashes right after tapping the button"},
                    new String[] {"java.lang.OutOfMemoryError: Java heap space", "EXC_BAD_ACCESS (SIGSEGV)",
                        "Fatal Exception: java.lang.IllegalArgumentException"}, "mobile-app", "upload", "dashboard", "search", "import", "push"),
            new Symptom("duplicates", new String[] {"Duplicate entries in %s", "%s creates duplicates", "Double submission in %s",
                "%s runs twice"},
                    new String[] {"every action is recorded twice", "customers see the same item two times"},
                    new String[] {"ERROR: duplicate key value violates unique constraint \"%s_pkey\"",
                        "idempotency key reused for a different request"}, "checkout", "payments", "notifications", "webhooks", "import", "push", "upload", "cart"),
            new Symptom("wrong-numbers", new String[] {"Wrong totals in %s", "%s shows incorrect amounts",
                "Rounding error in %s", "%s numbers do not add up"},
                    new String[] {"the total is off by a few cents", "the numbers differ from the database"},
                    new String[] {"expected 1049.99 but was 1050.00", "BigDecimal scale mismatch in %s"}, "checkout", "payments", "cart", "billing", "reporting", "dashboard", "csv-export"),
            new Symptom("encoding", new String[] {"Broken characters in %s", "%s mangles umlauts and accents",
                "Encoding issue in %s", "Special characters garbled in %s"},
                    new String[] {"\"Müller\" shows as \"MÃ¼ller\"", "accented names turn into question marks"},
                    new String[] {"MalformedInputException: Input length = 1", "invalid byte sequence for encoding \"UTF8\": 0xe4"}, "csv-export", "import", "i18n", "notifications", "billing", "search", "profile"),
            new Symptom("session", new String[] {"Users logged out of %s", "Session expires too early in %s",
                "%s forgets the session", "Unexpected logout in %s"},
                    new String[] {"users are sent back to the login screen after a few minutes",
                        "the session cookie disappears on refresh"},
                    new String[] {"401 Unauthorized: token expired", "JWT signature does not match"}, "login", "checkout", "mobile-app", "dashboard", "api", "profile", "cart"),
            new Symptom("timezone", new String[] {"Wrong time zone in %s", "%s shows times off by one hour",
                "Dates shift by a day in %s", "%s ignores the user's time zone"},
                    new String[] {"times are one hour off since daylight saving changed", "dates show the day before"},
                    new String[] {"DateTimeException: Unable to obtain ZonedDateTime", "offset +00:00 used instead of Europe/Berlin"}, "reporting", "dashboard", "notifications", "billing", "audit-log", "i18n", "csv-export"),
            new Symptom("not-sent", new String[] {"%s not delivered", "%s never arrives", "%s silently fails", "Missing %s"},
                    new String[] {"nothing arrives and no error is shown", "the job reports success but nothing is sent"},
                    new String[] {"550 5.1.1 recipient rejected", "429 Too Many Requests", "connection refused: smtp:587"}, "notifications", "push", "webhooks", "password-reset", "billing"),
            new Symptom("permission", new String[] {"Permission denied in %s", "%s shows 403 for admins",
                "Users can see %s they should not", "Access check missing in %s"},
                    new String[] {"admins get \"Forbidden\"", "a viewer can open data of another workspace"},
                    new String[] {"403 Forbidden", "AccessDeniedException: missing role ADMIN"}, "api", "dashboard", "reporting", "audit-log", "profile", "upload", "billing"));

    private static final String[] ENVIRONMENTS = {"on Safari 17", "in Firefox", "on Chrome for Android", "in the iOS app",
        "on staging", "in production", "behind the corporate proxy", "for EU customers", "since the 3.2 release",
        "on Windows 11 with Edge", "for users with large accounts", "after the last deploy"};
    private static final String[] CHORES = {"Upgrade the dependencies of the %s", "Add monitoring and alerts for the %s",
        "Write a runbook for %s incidents", "Remove the old feature flags in the %s", "Add integration tests for the %s",
        "Migrate the %s to the new cluster", "Clean up logging in the %s"};
    private static final String[] CHORE_NAMES = {"upgrade", "monitoring", "runbook", "flags", "tests", "migration", "logging"};
    private static final String[] STORY_OPENERS = {"As a customer I want %s", "Support %s", "Add %s", "Allow %s",
        "As an admin I want %s"};
    /** Comments: %s is where it was seen (an environment) or what it touches (a service), as marked. */
    private static final String[] COMMENTS_WHERE = {"Reproduced %s.", "This also happens %s.", "Could not reproduce %s."};
    private static final String[] COMMENTS_WHAT = {"Looks related to the change in %s last week.",
        "Added more logging around %s.", "The stack trace points into %s.", "Cannot reproduce locally, can you attach a HAR file?",
        "Fix is on staging, please verify.", "Customer confirmed it works again.",
        "Moving to the next sprint, blocked by the platform team.", "PR is up for review.",
        "Lowered priority: there is a workaround."};

    private DemoText() {}

    private static Random random(UUID issueId) {
        return new Random(issueId.getMostSignificantBits() ^ Long.rotateLeft(issueId.getLeastSignificantBits(), 17) ^ SALT);
    }

    /** The topic of an issue: a pure function of its id and type. */
    public static Topic topicOf(UUID issueId, String issueType) {
        return topic(random(issueId), issueType);
    }

    private static Topic topic(Random r, String issueType) {
        Component c = COMPONENTS.get(r.nextInt(COMPONENTS.size()));
        return switch (issueType == null ? "" : issueType) {
            case "Bug" -> {
                List<Symptom> fits = SYMPTOMS.stream()
                        .filter(s -> s.only().length == 0 || java.util.Arrays.asList(s.only()).contains(c.name())).toList();
                yield new Topic("bug", c.name(), fits.get(r.nextInt(fits.size())).name());
            }
            case "Story" -> new Topic("feature", c.name(), Integer.toString(r.nextInt(c.features().length)));
            case "Epic" -> new Topic("epic", c.name(), "");
            default -> new Topic("chore", c.name(), CHORE_NAMES[r.nextInt(CHORE_NAMES.length)]);
        };
    }

    /**
     * Summary and description of an issue. {@code earlierKey} is an earlier issue of the same topic in the same
     * project (null when none): a follow-up or a re-report may name it, as people do.
     */
    public static Written write(UUID issueId, String issueType, String earlierKey) {
        Random r = random(issueId);
        Topic t = topic(r, issueType);
        Component c = component(t.component());
        String thing = pick(r, c.words());
        String summary;
        String description;
        switch (t.kind()) {
            case "bug" -> {
                Symptom s = symptom(t.aspect());
                String env = pick(r, ENVIRONMENTS);
                String error = fill(pick(r, s.errors()), c.service(), r);
                summary = capitalise(String.format(pick(r, s.summaries()), thing)) + (r.nextInt(3) == 0 ? " " + env : "");
                String actual = pick(r, s.actual());
                description = switch (r.nextInt(3)) {
                    case 0 -> "Steps to reproduce:\n1. Open " + thing + " " + env + "\n2. " + step(c, r)
                            + "\n\nExpected: it works as before.\nActual: " + actual + ".\n\nError: " + error;
                    case 1 -> "Customers report that " + thing + " misbehaves " + env + ": " + actual + ". Logs show `"
                            + error + "`." + (earlierKey != null ? " Probably the same as " + earlierKey + "." : "");
                    default -> r.nextInt(4) == 0 ? null : "Seen " + env + ". " + capitalise(actual) + ".\n" + error;
                };
            }
            case "feature" -> {
                String feature = c.features()[Integer.parseInt(t.aspect())];
                boolean followUp = earlierKey != null && r.nextInt(3) == 0;
                summary = followUp ? "Follow-up to " + earlierKey + ": " + feature + ", second iteration"
                        : capitalise(String.format(pick(r, STORY_OPENERS), feature));
                description = r.nextInt(5) == 0 ? null : "We want " + feature + " in " + thing + ". Acceptance criteria:\n"
                        + "- works for new and existing users\n- covered by tests\n- documented in the help center"
                        + (followUp ? "\nThe first iteration (" + earlierKey + ") left out edge cases." : "");
            }
            case "epic" -> {
                summary = capitalise(thing) + (r.nextBoolean() ? " revamp" : " v2");
                description = "Everything we plan for " + thing + " this half: " + String.join(", ", c.features()) + ".";
            }
            default -> {
                int chore = java.util.Arrays.asList(CHORE_NAMES).indexOf(t.aspect());
                summary = String.format(CHORES[chore], thing.startsWith("the ") ? thing.substring(4) : thing);
                description = r.nextInt(3) == 0 ? null : "Housekeeping for " + c.service() + " (" + thing + ").";
            }
        }
        return new Written(t, clip(summary, 500), description);
    }

    /** A comment on an issue; {@code n} numbers the issue's comments so that each reads differently. */
    public static String comment(UUID issueId, String issueType, int n) {
        Random r = random(issueId);
        Topic t = topic(r, issueType);
        Random c = new Random(r.nextLong() + 31L * n);
        Component comp = component(t.component());
        return c.nextInt(3) == 0 ? String.format(pick(c, COMMENTS_WHERE), pick(c, ENVIRONMENTS))
                : String.format(pick(c, COMMENTS_WHAT), comp.service());
    }

    private static String step(Component c, Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> "Click \"Save\"";
            case 1 -> "Submit the form with valid data";
            default -> "Wait for " + c.service() + " to respond";
        };
    }

    private static Component component(String name) {
        return COMPONENTS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static Symptom symptom(String name) {
        return SYMPTOMS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static String fill(String template, String service, Random r) {
        int args = template.split("%", -1).length - 1;
        return switch (args) {
            case 0 -> template;
            case 1 -> String.format(template, service);
            default -> String.format(template, service, service, 40 + r.nextInt(400));
        };
    }

    private static String pick(Random r, String[] items) {
        return items[r.nextInt(items.length)];
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The component names, for query sets that name their topic. */
    public static List<String> components() {
        return COMPONENTS.stream().map(Component::name).toList();
    }

    /** The symptom names of bug topics. */
    public static List<String> symptoms() {
        return SYMPTOMS.stream().map(Symptom::name).toList();
    }
}
