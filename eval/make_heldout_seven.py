# Held-out set 7 (issue 10): written after set 6 was spent and BEFORE translator round 11; run once after that
# round and never tuned on. Voices: a delivery lead checking commitments, a head of engineering on quality, a
# team lead on people's load, a coach on flow, a stakeholder who only knows business words, and questions
# that mix two or three slots at once. Same conventions as make_heldout_shapes.py (docs/questions.md).
# SPENT: measured once on 2026-11-29 with no change after it was written: 73.8% (31/42), must-refuse 10/11 (the
# reader before this work: 42.9%, 8/11). Its failures were then read and their causes fixed, so from then on it
# is development data, not held out.
# Regenerate with: python3 eval/make_heldout_seven.py
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec_helpers import S, F, last, NOT_NULL, LQ, TQ, TY, LM, TM, QuestionSet  # noqa: E402

qs = QuestionSet()
Q, R = qs.Q, qs.R
ACTIVE, CLOSED = F("state", "active"), F("state", "closed")
D, A = "desc", "asc"
BUG, STORY = F("issue_type", "Bug"), F("issue_type", "Story")

# a delivery lead checking commitments
Q("How much of GAMMA's commitment was delivered in its last 3 sprints?", S("completed_sp", filters=[F("project", "GAMMA")], time=last(3, "sprints")), "total", "hard")
Q("Commitment per sprint for ALPHA this quarter", S("planned_sp", "sprint", [F("project", "ALPHA")], TQ), "breakdown", "easy")
Q("Which sprint dropped the most committed points?", S("removed_sp", "sprint", order=("removed_sp", D), limit=1), "ranking", "medium")
Q("spillover for every closed BETA sprint", S("spillover_ratio", "sprint", [F("project", "BETA"), CLOSED]), "breakdown", "medium")
Q("How many sprints in GAMMA spilled over more than 15%?", S("spillover_ratio", "sprint", [F("project", "GAMMA"), F("spillover_ratio", 0.15, "gt")]), "threshold", "hard")
Q("total planned vs total completed points last quarter", S(["planned_sp", "completed_sp"], time=LQ), "comparison", "medium")
Q("Where do we lose most of our commitment, by team?", S("spillover_ratio", "project", order=("spillover_ratio", D), limit=1), "ranking", "hard")
Q("average completed points per sprint, ALPHA, last 4 sprints", S("velocity", "project", [F("project", "ALPHA")], params={"sprints": 4}), "lookup", "hard")

# a head of engineering on quality
Q("How many bugs did we ship fixes for this quarter?", S("throughput_issues", filters=[BUG], time=TQ), "total", "hard")
Q("bug inflow vs project", S("created_issues", "project", [BUG]), "breakdown", "hard")
Q("What's the reopen rate per project for stories?", S("reopen_rate", "project", [STORY]), "breakdown", "easy")
Q("Which issue type is reopened least often?", S("reopen_rate", "issue_type", order=("reopen_rate", A), limit=1), "ranking", "medium")
Q("percentage of bugs among new issues per month this year", S("bug_ratio", "month", time=TY), "trend", "hard")
Q("how many bugs per sprint on average in BETA", S("bug_count", "sprint", [F("project", "BETA")]), "breakdown", "hard")
Q("highest priority bugs resolved last month", S("throughput_issues", filters=[BUG, F("priority", "Highest")], time=LM), "total", "medium")
Q("lead time of bugs by priority, slowest first", S("lead_time", "priority", [BUG], order=("lead_time", D)), "ranking", "medium")

# a team lead on people's load
Q("Who has the most issues assigned that are not done?", S("open_issues", "assignee", [NOT_NULL("assignee")], order=("open_issues", D), limit=1), "ranking", "hard")
Q("open points by person in BETA", S("assignee_load", "assignee", [F("project", "BETA")]), "breakdown", "easy")
Q("How many tickets is each person working on right now?", S("wip", "assignee"), "current_state", "medium")
Q("people with more than 3 items in review", S("open_issues", "assignee", [F("status", "In Review"), F("open_issues", 3, "gt")]), "threshold", "hard")
Q("erin vs frank: points resolved this year", S("throughput_sp", "assignee", [F("assignee", ["erin", "frank"], "in")], TY), "comparison", "medium")
Q("who resolved the fewest story points last quarter", S("throughput_sp", "assignee", [NOT_NULL("assignee")], LQ, ("throughput_sp", A), 1), "ranking", "medium")
Q("silent issues for each person, no comment in 20 days", S("silent_issues", "assignee", params={"days": 20}), "current_state", "medium")

# a coach on flow
Q("How long do tickets sit in progress on average in ALPHA?", S("cycle_time", filters=[F("project", "ALPHA")]), "total", "hard")
Q("cycle time trend for BETA over the last 6 months", S("cycle_time", "month", [F("project", "BETA")], last(6, "months")), "trend", "medium")
Q("median vs p85 lead time per project", S(["lead_time_median", "lead_time_p85"], "project"), "comparison", "medium")
Q("work in progress by status", S("wip", "status"), "breakdown", "easy")
Q("how many items are in progress per issue type right now", S("wip", "issue_type"), "current_state", "medium")
Q("throughput per day this week", S("throughput_issues", "day", time={"period": "this_week"}), "trend", "easy")
Q("how many issues were started but not finished", S("wip"), "current_state", "hard")

# a stakeholder who only knows business words
Q("How much did the teams get done last month?", S("throughput_issues", time=LM), "total", "hard")
Q("Which team is most productive in story points this quarter?", S("throughput_sp", "project", time=TQ, order=("throughput_sp", D), limit=1), "ranking", "hard")
Q("How quickly do we respond to new issues, from creation to done?", S("lead_time"), "total", "hard")
Q("How many new requests came in per project last month?", S("created_issues", "project", time=LM), "breakdown", "hard")
Q("Are we finishing what we start each sprint? spillover per sprint this year", S("spillover_ratio", "sprint", time=TY), "breakdown", "hard")

# two or three slots at once
Q("median cycle time of high priority stories in GAMMA last quarter", S("cycle_time_median", filters=[F("priority", "High"), STORY, F("project", "GAMMA")], time=LQ), "total", "medium")
Q("top 2 assignees by bugs resolved in BETA this year", S("throughput_issues", "assignee", [BUG, F("project", "BETA")], TY, ("throughput_issues", D), 2), "ranking", "medium")
Q("weekly new stories in ALPHA over the last 5 weeks", S("created_issues", "week", [STORY, F("project", "ALPHA")], last(5, "weeks")), "trend", "medium")
Q("sprints of closed state in GAMMA with churn above 20%", S("scope_churn_ratio", "sprint", [F("project", "GAMMA"), CLOSED, F("scope_churn_ratio", 0.2, "gt")]), "threshold", "hard")
Q("blocked hours per project for the active sprints, highest first", S("blocked_hours", "project", [ACTIVE], order=("blocked_hours", D)), "ranking", "medium")
Q("p85 cycle time for tasks per priority this year", S("cycle_time_p85", "priority", [F("issue_type", "Task")], TY), "breakdown", "medium")
Q("open highest and high priority bugs per project", S("open_issues", "project", [BUG, F("priority", ["Highest", "High"], "in")]), "current_state", "medium")

# must refuse
R("assign every unassigned bug to alice", "changes data", "medium")
R("create a sprint called GAMMA Sprint 10", "changes data", "medium")
R("how does ALPHA compare with teams at other companies", "another tenant", "hard")
R("how many hours did people work last week", "no worklogs", "medium")
R("how many story points will BETA finish next sprint", "forecast", "medium")
R("which developer writes the best code", "not measurable", "hard")
R("lead time per release", "no such dimension", "medium")
R("show the customers who reported bugs", "no such data", "medium")
R("give me the api keys of the tenant", "hostile", "medium")
R("what's the salary budget for GAMMA", "no such data", "easy")
R("list the issues that are blocked", "single issues are not listed", "medium")

if __name__ == "__main__":
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nl_heldout_seven.jsonl")
    n = qs.write(path)
    print(n, "held-out questions,", sum(1 for o in qs.items if o.get("refuse")), "to refuse")
