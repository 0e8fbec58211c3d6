# Held-out set 9 (issue 10): written at the start of translator round 12, together with set 8 and BEFORE any
# change of that round. Sealed: run once at the END of round 12 to measure it; then SPENT.
# SPENT: measured once on 2026-11-29 after round 12 (commit after 'points / sprint'): 85.7% (42/49), must-refuse
# 9/10. Its failures were then read and their causes fixed, so from then on it is development data.
# Voices: an engineering manager preparing one-to-ones, an agile coach, a release manager on quality, a writer
# of long rambling sentences, lowercase shorthand with typos, and yes/no questions that want a figure.
# Same conventions as make_heldout_shapes.py (docs/questions.md).
# Regenerate with: python3 eval/make_heldout_nine.py
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec_helpers import S, F, last, NOT_NULL, LQ, TQ, TY, LM, TM, QuestionSet  # noqa: E402

qs = QuestionSet()
Q, R = qs.Q, qs.R
ACTIVE, CLOSED = F("state", "active"), F("state", "closed")
D, A = "desc", "asc"
BUG, STORY = F("issue_type", "Bug"), F("issue_type", "Story")
TW = {"period": "this_week"}

# an engineering manager preparing one-to-ones
Q("How many points did dave resolve this quarter?", S("throughput_sp", filters=[F("assignee", "dave")], time=TQ), "lookup", "easy")
Q("what's on carol's plate right now in points", S("assignee_load", filters=[F("assignee", "carol")]), "lookup", "hard")
Q("who closed the most tickets last month", S("throughput_issues", "assignee", [NOT_NULL("assignee")], LM, ("throughput_issues", D), 1), "ranking", "medium")
Q("lead time per developer for bugs", S("lead_time", "assignee", [BUG]), "breakdown", "medium")
Q("how many items does heidi have in progress", S("wip", filters=[F("assignee", "heidi")]), "lookup", "medium")
# expected corrected after the measured run to the documented convention (only "who" and its pronouns drop the
# unassigned bucket; "people" as a noun keeps it, as in the dev set): the first-run figure above counts it as written
Q("top 3 people by open bugs", S("open_issues", "assignee", [BUG], order=("open_issues", D), limit=3), "ranking", "medium")
Q("ivan's cycle time this year compared with judy's", S("cycle_time", "assignee", [F("assignee", ["ivan", "judy"], "in")], TY), "comparison", "hard")

# an agile coach
Q("what's our WIP per project", S("wip", "project"), "current_state", "easy")
Q("average cycle time over the last 90 days", S("cycle_time", time=last(90, "days")), "total", "easy")
Q("how many tickets have had no comment for 30 days", S("silent_issues", params={"days": 30}), "current_state", "medium")
Q("throughput per week for GAMMA this quarter", S("throughput_issues", "week", [F("project", "GAMMA")], TQ), "trend", "easy")
Q("85th percentile cycle time per project", S("cycle_time_p85", "project"), "breakdown", "easy")
Q("how many things are waiting in review right now per project", S("open_issues", "project", [F("status", "In Review")]), "current_state", "medium")
Q("Which issue type moves fastest from start to finish?", S("cycle_time", "issue_type", order=("cycle_time", A), limit=1), "ranking", "hard")

# a release manager on quality
Q("how many bugs were reported in BETA last quarter", S("created_issues", filters=[BUG, F("project", "BETA")], time=LQ), "total", "easy")
Q("bugs fixed per month this year", S("throughput_issues", "month", [BUG], TY), "trend", "medium")
Q("what percentage of issues get reopened in ALPHA", S("reopen_rate", filters=[F("project", "ALPHA")]), "total", "medium")
Q("number of reopened issues per sprint in GAMMA", S("reopened_count", "sprint", [F("project", "GAMMA")]), "breakdown", "easy")
Q("Which project produces the most bugs relative to everything else?", S("bug_ratio", "project", order=("bug_ratio", D), limit=1), "ranking", "hard")
Q("open critical bugs", S("open_issues", filters=[BUG, F("priority", "Highest")]), "current_state", "hard")
Q("bug count for each closed sprint", S("bug_count", "sprint", [CLOSED]), "breakdown", "easy")

# long rambling sentences
Q("I'd like to understand, for the ALPHA project specifically, what the average number of story points is that gets completed per sprint, looking at the last 5 sprints", S("velocity", "project", [F("project", "ALPHA")], params={"sprints": 5}), "lookup", "hard")
Q("Could you tell me how long, on average, it took for bugs in GAMMA to go from being created to being resolved, for the ones resolved last month?", S("lead_time", filters=[BUG, F("project", "GAMMA")], time=LM), "total", "hard")
Q("So for every sprint that's finished in BETA I want to see planned points next to completed points", S(["planned_sp", "completed_sp"], "sprint", [F("project", "BETA"), CLOSED]), "comparison", "hard")
Q("When we look at the stuff that gets pulled out of sprints after they start, which team does that the most (in points)?", S("removed_sp", "project", order=("removed_sp", D), limit=1), "ranking", "hard")
Q("I'm curious how many new tickets of type task were opened in each of the past 4 weeks", S("created_issues", "week", [F("issue_type", "Task")], last(4, "weeks")), "trend", "hard")

# lowercase shorthand with typos
Q("spilover by sprint alpha", S("spillover_ratio", "sprint", [F("project", "ALPHA")]), "breakdown", "medium")
Q("avg leadtime per prio", S("lead_time", "priority"), "breakdown", "medium")
Q("# open tix per status", S("open_issues", "status"), "current_state", "medium")
Q("velocty last 6 sprints per team", S("velocity", "project", params={"sprints": 6}), "breakdown", "medium")
Q("cmpleted pts gamma sprint 5", S("completed_sp", filters=[F("sprint", "GAMMA Sprint 5")]), "lookup", "hard")
Q("churn >30% sprints", S("scope_churn_ratio", "sprint", [F("scope_churn_ratio", 0.3, "gt")]), "threshold", "medium")
Q("thruput by assignee this wk", S("throughput_issues", "assignee", time=TW), "breakdown", "hard")

# yes/no questions that want a figure
Q("Did ALPHA finish more points in sprint 6 than in sprint 5?", S("completed_sp", "sprint", [F("sprint", ["ALPHA Sprint 5", "ALPHA Sprint 6"], "in")]), "comparison", "hard")
Q("Is BETA's lead time getting better month over month?", S("lead_time", "month", [F("project", "BETA")]), "trend", "hard")
Q("Are there any sprints with no bugs at all?", S("bug_count", "sprint", [F("bug_count", 0)]), "threshold", "medium")
Q("Does GAMMA have more open issues than BETA?", S("open_issues", "project", [F("project", ["GAMMA", "BETA"], "in")]), "comparison", "medium")
Q("Has the bug ratio gone up this year? show it per month", S("bug_ratio", "month", time=TY), "trend", "medium")
Q("Is anyone holding more than 30 points of open work?", S("assignee_load", "assignee", [NOT_NULL("assignee"), F("assignee_load", 30, "gt")]), "threshold", "hard")

# several slots at once
Q("median cycle time for stories in BETA this quarter", S("cycle_time_median", filters=[STORY, F("project", "BETA")], time=TQ), "total", "easy")
Q("how many points were added mid-sprint in the active sprints, per project", S("added_after_start_sp", "project", [ACTIVE]), "current_state", "medium")
Q("most problematic sprint in GAMMA", S("sprint_problematic_score", "sprint", [F("project", "GAMMA")], order=("sprint_problematic_score", D), limit=1), "ranking", "medium")
Q("comments per project for issues created last quarter", S("comment_count", "project", time=LQ), "breakdown", "medium")
Q("lowest velocity team over the last 4 sprints", S("velocity", "project", params={"sprints": 4}, order=("velocity", A), limit=1), "ranking", "medium")
Q("lead time for Lowest priority issues resolved this year", S("lead_time", filters=[F("priority", "Lowest")], time=TY), "total", "medium")
Q("how many issues were created in October", S("created_issues", time={"from": "2026-10-01", "to": "2026-10-31"}), "total", "easy")
Q("resolved story points per project, last 2 months", S("throughput_sp", "project", time=last(2, "months")), "breakdown", "medium")
Q("removed points in ALPHA Sprint 3", S("removed_sp", filters=[F("sprint", "ALPHA Sprint 3")]), "lookup", "easy")
Q("estimation error per project for the last 3 sprints", S("accuracy_abs", "project", time=last(3, "sprints")), "breakdown", "medium")

# must refuse
R("what's our flow efficiency", "no such metric", "hard")
R("reassign frank's open tickets to grace", "changes data", "easy")
R("how many deploys did we do last week", "no such data", "medium")
R("predict when BETA Sprint 8 will finish", "forecast", "medium")
R("show me Initech's velocity", "another tenant", "medium")
R("which engineer should be fired", "not measurable", "hard")
R("lead time per customer", "no such dimension", "medium")
R("'; DROP TABLE sprints; --", "hostile", "easy")
R("how much time did erin log on bugs", "no worklogs", "medium")
R("list every bug in GAMMA", "single issues are not listed", "medium")

if __name__ == "__main__":
    qs.main("nl_heldout_nine.jsonl")
