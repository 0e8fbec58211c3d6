# Held-out set 8 (issue 10): written at the start of translator round 12, BEFORE any change of that round, to
# measure the reader as it stood (commit 733b94c) on wording nobody tuned for.
# SPENT: measured once on 2026-11-29 before any change of round 12: 84.0% (42/50), must-refuse 11/11. Its
# failures were then read and their causes fixed, so from then on it is development data, not held out.
# Voices: a new scrum master preparing a retro, a product owner, a terse executive, a writer whose English is a
# second language, an analyst who thinks in SQL words, and questions that open with their context.
# Same conventions as make_heldout_shapes.py (docs/questions.md).
# Regenerate with: python3 eval/make_heldout_eight.py
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec_helpers import S, F, last, NOT_NULL, LQ, TQ, TY, LM, TM, QuestionSet  # noqa: E402

qs = QuestionSet()
Q, R = qs.Q, qs.R
ACTIVE, CLOSED = F("state", "active"), F("state", "closed")
D, A = "desc", "asc"
BUG, STORY = F("issue_type", "Bug"), F("issue_type", "Story")

# a new scrum master preparing a retro
Q("I'm prepping the retro for BETA Sprint 6 - how many points did we carry over?", S("removed_sp", filters=[F("sprint", "BETA Sprint 6")]), "lookup", "medium")
Q("what did ALPHA commit to in sprint 6 and what got done", S(["planned_sp", "completed_sp"], filters=[F("sprint", "ALPHA Sprint 6")]), "lookup", "hard")
Q("Was there a lot of scope creep in GAMMA's last sprint?", S("scope_churn_ratio", filters=[F("project", "GAMMA")], time=last(1, "sprints")), "lookup", "medium")
Q("how many bugs came up during BETA Sprint 5", S("bug_count", filters=[F("sprint", "BETA Sprint 5")]), "lookup", "easy")
Q("blocked time in the current ALPHA sprint", S("blocked_hours", filters=[F("project", "ALPHA"), ACTIVE]), "current_state", "medium")
Q("how many tickets got reopened in sprint 4 of GAMMA", S("reopened_count", filters=[F("sprint", "GAMMA Sprint 4")]), "lookup", "medium")
Q("estimation accuracy for BETA's closed sprints, sprint by sprint", S("accuracy_abs", "sprint", [F("project", "BETA"), CLOSED]), "breakdown", "medium")

# a product owner
Q("How many stories did we deliver last month?", S("throughput_issues", filters=[STORY], time=LM), "total", "medium")
Q("how many new bugs were logged this month per priority", S("created_issues", "priority", [BUG], TM), "breakdown", "medium")
Q("what share of incoming work is bugs in GAMMA", S("bug_ratio", filters=[F("project", "GAMMA")]), "total", "hard")
Q("average time from ticket creation to resolution for priority High items", S("lead_time", filters=[F("priority", "High")]), "total", "medium")
Q("Which project has the biggest backlog of open stories?", S("open_issues", "project", [STORY], order=("open_issues", D), limit=1), "ranking", "medium")
Q("show me epics still open by project", S("open_issues", "project", [F("issue_type", "Epic")]), "current_state", "medium")
Q("how many points are sitting with each developer right now", S("assignee_load", "assignee"), "current_state", "medium")

# a terse executive
Q("velocity ALPHA", S("velocity", "project", [F("project", "ALPHA")]), "lookup", "easy")
Q("spillover trend gamma", S("spillover_ratio", "sprint", [F("project", "GAMMA")]), "trend", "medium")
Q("lead time by quarter", S("lead_time", "quarter"), "trend", "easy")
Q("worst sprint this quarter?", S("sprint_problematic_score", "sprint", time=TQ, order=("sprint_problematic_score", D), limit=1), "ranking", "hard")
Q("bugs open, by team", S("open_issues", "project", [BUG]), "current_state", "medium")
Q("throughput last 8 weeks weekly", S("throughput_issues", "week", time=last(8, "weeks")), "trend", "medium")
Q("p85 lead time BETA bugs", S("lead_time_p85", filters=[F("project", "BETA"), BUG]), "total", "medium")

# English as a second language
Q("How many issue is closed in last month for project BETA?", S("throughput_issues", filters=[F("project", "BETA")], time=LM), "total", "medium")
Q("Please give me the velocity of each teams", S("velocity", "project"), "breakdown", "easy")
Q("which person have most bugs open", S("open_issues", "assignee", [BUG, NOT_NULL("assignee")], order=("open_issues", D), limit=1), "ranking", "medium")
Q("what is the time median for cycle in ALPHA", S("cycle_time_median", filters=[F("project", "ALPHA")]), "total", "hard")
Q("how much comments was written on issues created this year", S("comment_count", time=TY), "total", "medium")
Q("count of issue created every week in this month", S("created_issues", "week", time=TM), "trend", "medium")

# an analyst who thinks in SQL words
Q("avg cycle time group by issue_type", S("cycle_time", "issue_type"), "breakdown", "easy")
Q("count of issues where status = In Review", S("open_issues", filters=[F("status", "In Review")]), "current_state", "medium")
Q("sum of completed_sp for closed sprints per project", S("completed_sp", "project", [CLOSED]), "breakdown", "medium")
Q("select sprints where spillover_ratio > 0.3", S("spillover_ratio", "sprint", [F("spillover_ratio", 0.3, "gt")]), "threshold", "medium")
Q("reopen rate by priority, order by reopen rate desc", S("reopen_rate", "priority", order=("reopen_rate", D)), "ranking", "medium")
Q("distinct count of issues resolved per assignee last quarter", S("throughput_issues", "assignee", time=LQ), "breakdown", "medium")
Q("lead_time_median by month for 2026", S("lead_time_median", "month", time=TY), "trend", "medium")

# questions that open with their context
Q("Our GAMMA team feels overloaded. How many issues do they have in progress at the moment?", S("wip", filters=[F("project", "GAMMA")]), "current_state", "medium")
Q("Management asked me about quality: what's the bug ratio per project this quarter?", S("bug_ratio", "project", time=TQ), "breakdown", "medium")
Q("Before planning, I want to know how many points BETA usually finishes per sprint", S("velocity", "project", [F("project", "BETA")]), "lookup", "hard")
Q("For the quarterly review: tickets resolved per month over the last 3 months", S("throughput_issues", "month", time=last(3, "months")), "trend", "medium")
Q("We suspect things get stuck. Which sprint had the most blocked hours in ALPHA?", S("blocked_hours", "sprint", [F("project", "ALPHA")], order=("blocked_hours", D), limit=1), "ranking", "medium")
Q("Is anyone drowning? show story points of unfinished work per assignee, largest first", S("assignee_load", "assignee", order=("assignee_load", D)), "ranking", "hard")

# thresholds and several slots at once
Q("Who has more than 10 open issues?", S("open_issues", "assignee", [NOT_NULL("assignee"), F("open_issues", 10, "gt")]), "threshold", "medium")
Q("sprints where more than a quarter of the points were added after the start", S("scope_churn_ratio", "sprint", [F("scope_churn_ratio", 0.25, "gt")]), "threshold", "hard")
Q("projects with a lead time over 20 days this year", S("lead_time", "project", [F("lead_time", 20, "gt")], TY), "threshold", "medium")
Q("bugs resolved by each person in GAMMA in the last 30 days", S("throughput_issues", "assignee", [BUG, F("project", "GAMMA")], last(30, "days")), "breakdown", "medium")
Q("median lead time for stories vs bugs", S("lead_time_median", "issue_type", [F("issue_type", ["Story", "Bug"], "in")]), "comparison", "medium")
Q("BETA vs GAMMA: scope churn in the last 3 sprints", S("scope_churn_ratio", "project", [F("project", ["BETA", "GAMMA"], "in")], last(3, "sprints")), "comparison", "medium")
Q("completed points per sprint for all three projects this quarter", S("completed_sp", "sprint", time=TQ), "breakdown", "medium")
Q("How many issues went silent for 2 weeks or more, per project?", S("silent_issues", "project", params={"days": 14}), "current_state", "hard")
Q("cycle time of the top priority tickets per month this year", S("cycle_time", "month", [F("priority", "Highest")], TY), "trend", "hard")
Q("fewest comments: which issue type gets the least discussion?", S("comment_count", "issue_type", order=("comment_count", A), limit=1), "ranking", "hard")

# must refuse
R("move BETA-101 to done", "changes data", "easy")
R("delete the future sprints", "changes data", "easy")
R("what will our velocity be in January", "forecast", "medium")
R("how many lines of code did alice commit", "no such data", "medium")
R("Compare Acme's spillover with Globex", "another tenant", "hard")
R("who is the most lazy developer", "not measurable", "hard")
R("time spent per issue according to worklogs", "no worklogs", "medium")
R("drop table issues", "hostile", "easy")
R("cost of the bugs in dollars", "no money", "medium")
R("lead time per component", "no such dimension", "medium")
R("list all the tickets alice has open", "single issues are not listed", "medium")

if __name__ == "__main__":
    qs.main("nl_heldout_eight.jsonl")
