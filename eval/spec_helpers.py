# Shared by make_questions.py and make_heldout.py: compact builders of expected specs.
import json


def S(metrics, dims=None, filters=None, time=None, order=None, limit=None, params=None):
    s = {"metrics": metrics if isinstance(metrics, list) else [metrics]}
    if dims: s["dimensions"] = dims if isinstance(dims, list) else [dims]
    if filters: s["filters"] = filters
    if time: s["time_range"] = time
    if order: s["order_by"] = [{"field": order[0], "direction": order[1]}]
    if limit: s["limit"] = limit
    if params: s["params"] = params
    return s


def F(field, value, op="eq"):
    return {"field": field, "op": op, "value": value}


def last(n, unit):
    return {"last": n, "unit": unit}


NOT_NULL = lambda field: {"field": field, "op": "is_null", "value": False}

LQ = {"period": "last_quarter"}; TQ = {"period": "this_quarter"}; TY = {"period": "this_year"}
LM = {"period": "last_month"}; TM = {"period": "this_month"}


GRAINS = {"day", "week", "month", "quarter"}
SNAPSHOT = {"wip", "open_issues", "assignee_load", "silent_issues"}


def shape_of(spec):
    """The shape of a question whose set did not label it, read from its expected spec."""
    filters = spec.get("filters", [])
    dims = spec.get("dimensions", [])
    metric_names = set(spec["metrics"])
    if "order_by" in spec or "limit" in spec:
        return "ranking"
    if any(f["field"] in metric_names for f in filters):
        return "threshold"
    if GRAINS & set(dims):
        return "trend"
    if any(f["op"] == "in" and f["field"] in dims for f in filters):
        return "comparison"
    if metric_names & SNAPSHOT or any(f["field"] == "state" and f["value"] == "active" for f in filters):
        return "current_state"
    if dims:
        return "breakdown"
    if any(f["field"] in ("sprint", "assignee") for f in filters):
        return "lookup"
    return "total"


class QuestionSet:
    def __init__(self):
        self.items = []

    def Q(self, question, spec, shape=None, level=None):
        o = {"question": question, "spec": spec, "shape": shape or shape_of(spec)}
        if level: o["level"] = level
        self.items.append(o)

    def R(self, question, why, level=None):
        o = {"question": question, "refuse": True, "why": why, "shape": "refuse"}
        if level: o["level"] = level
        self.items.append(o)

    def write(self, path):
        with open(path, "w") as f:
            for o in self.items:
                f.write(json.dumps(o) + "\n")
        return len(self.items)

    def main(self, name):
        """Writes the set beside the script as `name` and says how many questions it holds."""
        import os
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
        n = self.write(path)
        print(n, "held-out questions,", sum(1 for o in self.items if o.get("refuse")), "to refuse")
