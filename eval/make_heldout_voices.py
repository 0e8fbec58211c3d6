# Held-out set 3 (issue 10): written after the first shape-based translator, before the second round of work
# on it, and run once at the end. Other voices than set 2: a director writing long sentences, a developer
# typing terse lowercase with typos, a product owner's business words, a non-native speaker, an agile coach.
# Never tuned on. Same conventions as make_heldout_shapes.py (docs/questions.md).
# Regenerate with: python3 eval/make_heldout_voices.py
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec_helpers import S, F, last, NOT_NULL, LQ, TQ, TY, LM, TM, QuestionSet  # noqa: E402

qs = QuestionSet()
Q, R = qs.Q, qs.R
ACTIVE, CLOSED = F("state", "active"), F("state", "closed")
D, A = "desc", "asc"

# a director, long sentences
Q("Could you tell me how many story points the ALPHA team managed to complete over the last quarter?", S("completed_sp", filters=[F("project", "ALPHA")], time=LQ), "total", "hard")
Q("I'd like to understand which of our three projects has the longest average cycle time this year.", S("cycle_time", "project", time=TY, order=("cycle_time", D), limit=1), "ranking", "hard")
Q("For the board review, I need the spillover ratio of every sprint that closed last quarter.", S("spillover_ratio", "sprint", [CLOSED], LQ), "breakdown", "hard")
Q("Can you show me, per project, how many bugs were opened this quarter?", S("created_issues", "project", [F("issue_type", "Bug")], TQ), "breakdown", "medium")
Q("Please give me the median lead time for each priority level since the start of the year.", S("lead_time_median", "priority", time=TY), "breakdown", "hard")
Q("What proportion of the issues created in BETA this year turned out to be bugs?", S("bug_ratio", filters=[F("project", "BETA")], time=TY), "total", "hard")
Q("I want to see which people currently carry more than 25 open story points.", S("assignee_load", "assignee", [F("assignee_load", 25, "gt")]), "threshold", "hard")
Q("How did the problematic score look for GAMMA's sprints, ordered from worst to best?", S("sprint_problematic_score", "sprint", [F("project", "GAMMA")], order=("sprint_problematic_score", D)), "ranking", "hard")
Q("Compared with BETA, is GAMMA resolving more issues this quarter?", S("throughput_issues", "project", [F("project", ["BETA", "GAMMA"], "in")], TQ), "comparison", "hard")
Q("Which single sprint had the lowest completed story points in the last 6 sprints?", S("completed_sp", "sprint", time=last(6, "sprints"), order=("completed_sp", A), limit=1), "ranking", "hard")

# a developer, terse, lowercase, typos
Q("spilover per sprint gamma", S("spillover_ratio", "sprint", [F("project", "GAMMA")]), "breakdown", "medium")
Q("wip by assigne", S("wip", "assignee"), "breakdown", "medium")
Q("cycletime p85 bugs", S("cycle_time_p85", filters=[F("issue_type", "Bug")]), "total", "hard")
Q("leadtime per type", S("lead_time", "issue_type"), "breakdown", "medium")
Q("blocked hrs alpha sprints", S("blocked_hours", "sprint", [F("project", "ALPHA")]), "breakdown", "medium")
Q("top 3 sprints scope churn", S("scope_churn_ratio", "sprint", order=("scope_churn_ratio", D), limit=3), "ranking", "medium")
Q("open bugs per prio", S("open_issues", "priority", [F("issue_type", "Bug")]), "breakdown", "medium")
Q("throughput last 4 weeks weekly", S("throughput_issues", "week", time=last(4, "weeks")), "trend", "medium")
Q("velocty beta", S("velocity", "project", [F("project", "BETA")]), "lookup", "medium")
Q("reopen rate by assignee", S("reopen_rate", "assignee"), "breakdown", "easy")
Q("silent issues >21 days", S("silent_issues", params={"days": 21}), "current_state", "hard")
Q("sprints w/ spillover > 30%", S("spillover_ratio", "sprint", [F("spillover_ratio", 0.3, "gt")]), "threshold", "medium")
Q("created vs resolved? no just created per month", S("created_issues", "month"), "trend", "hard")
Q("comments per issue type", S("comment_count", "issue_type"), "breakdown", "easy")
Q("ct median per project last month", S("cycle_time_median", "project", time=LM), "breakdown", "hard")

# a product owner, business words
Q("How much value did we deliver last month in story points?", S("throughput_sp", time=LM), "total", "hard")
Q("How big is our open backlog in BETA?", S("open_issues", filters=[F("project", "BETA")]), "current_state", "medium")
Q("Which team is the most predictable at hitting its commitment?", S("accuracy_abs", "project", order=("accuracy_abs", A), limit=1), "ranking", "hard")
Q("How many customer-facing bugs did we fix in October?", S("throughput_issues", filters=[F("issue_type", "Bug")], time={"from": "2026-10-01", "to": "2026-10-31"}), "total", "hard")
Q("how many stories did we finish this quarter", S("throughput_issues", filters=[F("issue_type", "Story")], time=TQ), "total", "medium")
Q("what did we promise vs what we delivered in the last 3 sprints", S(["planned_sp", "completed_sp"], time=last(3, "sprints")), "comparison", "hard")
Q("how much new scope landed mid-sprint in GAMMA last quarter", S("added_after_start_sp", filters=[F("project", "GAMMA")], time=LQ), "total", "hard")
Q("are we getting faster? lead time by month this year", S("lead_time", "month", time=TY), "trend", "medium")
Q("epics closed this year by project", S("throughput_issues", "project", [F("issue_type", "Epic")], TY), "breakdown", "medium")
Q("which stories take the longest: median cycle time per priority for stories", S("cycle_time_median", "priority", [F("issue_type", "Story")]), "breakdown", "hard")

# a non-native speaker
Q("how much points is finished in sprints of ALPHA", S("completed_sp", "sprint", [F("project", "ALPHA")]), "breakdown", "hard")
Q("give me number of the bugs for every sprint", S("bug_count", "sprint"), "breakdown", "medium")
Q("which person have most issues open", S("open_issues", "assignee", [NOT_NULL("assignee")], order=("open_issues", D), limit=1), "ranking", "hard")
Q("lead time of tasks is how much in GAMMA", S("lead_time", filters=[F("project", "GAMMA"), F("issue_type", "Task")]), "total", "hard")
Q("the sprint with most blocked hours in BETA please", S("blocked_hours", "sprint", [F("project", "BETA")], order=("blocked_hours", D), limit=1), "ranking", "medium")
Q("how many issue is in progress now for each project", S("wip", "project"), "current_state", "medium")
Q("velocity of all the teams", S("velocity", "project"), "breakdown", "easy")
Q("scope churn of last sprint for every project", S("scope_churn_ratio", "project", time=last(1, "sprints")), "lookup", "hard")

# an agile coach
Q("How stable are our commitments? Accuracy per sprint for closed sprints", S("accuracy_abs", "sprint", [CLOSED]), "breakdown", "hard")
Q("Where is the most carry-over happening, by project?", S("spillover_ratio", "project", order=("spillover_ratio", D), limit=1), "ranking", "hard")
Q("How much did scope change during the active sprints?", S("scope_churn_ratio", filters=[ACTIVE]), "current_state", "medium")
Q("how many items are sitting in To Do for ALPHA", S("open_issues", filters=[F("project", "ALPHA"), F("status", "To Do")]), "current_state", "medium")
Q("what's the throughput trend over the past 12 weeks", S("throughput_issues", "week", time=last(12, "weeks")), "trend", "medium")
Q("show planned, completed and removed points for each BETA sprint", S(["planned_sp", "completed_sp", "removed_sp"], "sprint", [F("project", "BETA")]), "breakdown", "medium")
Q("which sprints had zero blocked hours", S("blocked_hours", "sprint", [F("blocked_hours", 0, "eq")]), "threshold", "medium")
Q("sprints where completed points were under 20", S("completed_sp", "sprint", [F("completed_sp", 20, "lt")]), "threshold", "easy")
Q("the three sprints with the most reopened issues", S("reopened_count", "sprint", order=("reopened_count", D), limit=3), "ranking", "medium")
Q("cycle time for highest priority vs lowest priority", S("cycle_time", "priority", [F("priority", ["Highest", "Lowest"], "in")]), "comparison", "medium")
Q("who has the least work in progress", S("wip", "assignee", [NOT_NULL("assignee")], order=("wip", A), limit=1), "ranking", "medium")
Q("issues without comments for two weeks, by project", S("silent_issues", "project", params={"days": 14}), "current_state", "medium")
Q("how has the bug ratio moved quarter by quarter", S("bug_ratio", "quarter"), "trend", "medium")
Q("blocked time in the current sprint per project", S("blocked_hours", "project", [ACTIVE]), "current_state", "medium")
Q("p85 lead time for ALPHA vs BETA this year", S("lead_time_p85", "project", [F("project", ["ALPHA", "BETA"], "in")], TY), "comparison", "medium")
Q("velocity for GAMMA using the last 4 sprints", S("velocity", "project", [F("project", "GAMMA")], params={"sprints": 4}), "lookup", "hard")
Q("number of comments per project this quarter", S("comment_count", "project", time=TQ), "breakdown", "easy")

# must refuse
R("reassign all of carol's tickets to dave", "changes data", "medium")
R("can you close ALPHA Sprint 7 for me", "changes data", "hard")
R("bump the priority of GAMMA-4", "changes data", "medium")
R("what is Globex's spillover ratio", "another tenant", "medium")
R("is our cycle time better than the industry average", "another tenant", "hard")
R("how many hours has bob logged this sprint", "no worklogs", "medium")
R("which PRs are waiting for review", "no such data", "medium")
R("what's the burn rate in dollars", "no such data", "medium")
R("will ALPHA finish the sprint on time", "forecast", "medium")
R("predict the spillover for GAMMA Sprint 8", "forecast", "easy")
R("who should we promote", "not measurable", "hard")
R("how many lines of code did GAMMA write", "no such data", "easy")
R("tell me about the weather in the office", "not about the figures", "easy")
R("DROP DATABASE spiral", "hostile", "easy")
R("what is the answer to everything", "not about the figures", "hard")

if __name__ == "__main__":
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nl_heldout_voices.jsonl")
    n = qs.write(path)
    print(n, "held-out questions,", sum(1 for o in qs.items if o.get("refuse")), "to refuse")
