# Held-out questions: written after the translator was tuned on nl_questions.jsonl and never used to tune it.
# Their accuracy is the honest estimate of how the offline translator does on new wording.
# Regenerate with: python3 eval/make_heldout.py
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec_helpers import S, F, last, NOT_NULL, LQ, TQ, TY, LM, TM, QuestionSet  # noqa: E402
qs = QuestionSet()
Q, R = qs.Q, qs.R

Q("How did GAMMA do on spillover in the past two sprints?", S("spillover_ratio", filters=[F("project", "GAMMA")], time=last(2, "sprints")))
Q("Show me the average cycle time of stories per assignee this quarter", S("cycle_time", "assignee", [F("issue_type", "Story")], TQ))
Q("Which team delivers the most story points?", S("throughput_sp", "project", order=("throughput_sp", "desc"), limit=1))
Q("lead time per month for bugs this year", S("lead_time", "month", [F("issue_type", "Bug")], TY))
Q("How many high-priority tickets are still open in BETA?", S("open_issues", filters=[F("project", "BETA"), F("priority", "High")]))
Q("list sprints ordered by scope churn", S("scope_churn_ratio", "sprint", order=("scope_churn_ratio", "desc")))
Q("what share of our issues are bugs in GAMMA", S("bug_ratio", filters=[F("project", "GAMMA")]))
Q("How many comments did issues get last month per project?", S("comment_count", "project", time=LM))
Q("Give me the velocity of every team", S("velocity", "project"))
Q("What was the completed story points in BETA last quarter?", S("completed_sp", filters=[F("project", "BETA")], time=LQ))
Q("sprint with the highest bug count", S("bug_count", "sprint", order=("bug_count", "desc"), limit=1))
Q("How long are bugs blocked per sprint?", S("blocked_hours", "sprint"))
Q("median cycle time per priority", S("cycle_time_median", "priority"))
Q("Who is overloaded? open points per person", S("assignee_load", "assignee", [NOT_NULL("assignee")]))
Q("reopen rate for bugs this quarter", S("reopen_rate", filters=[F("issue_type", "Bug")], time=TQ))
Q("how many issues got resolved each week in the last 6 weeks", S("throughput_issues", "week", time=last(6, "weeks")))
Q("ALPHA lead time p85 this quarter", S("lead_time_p85", filters=[F("project", "ALPHA")], time=TQ))
Q("show wip per status category", S("wip", "status_category"))
Q("number of silent issues per assignee", S("silent_issues", "assignee"))
Q("planned vs completed points for closed sprints", S(["planned_sp", "completed_sp"], filters=[F("state", "closed")]))
Q("removed story points per sprint last quarter", S("removed_sp", "sprint", time=LQ))
Q("top 10 sprints by scope churn", S("scope_churn_ratio", "sprint", order=("scope_churn_ratio", "desc"), limit=10))
Q("Which project has the worst estimation accuracy?", S("accuracy_abs", "project", order=("accuracy_abs", "desc"), limit=1))
Q("issues created per issue type this quarter", S("created_issues", "issue_type", time=TQ))
Q("bug ratio for highest priority issues", S("bug_ratio", filters=[F("priority", "Highest")]))
R("how happy is the team", "no such metric")
R("what's the stock price", "not about the figures")
R("please update the story points of ALPHA-1 to 5", "changes data")
R("forecast the throughput for next month", "forecast")
R("what is the average salary per project", "no such data")

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nl_heldout.jsonl")
n = qs.write(path)
print(n, "held-out questions")
