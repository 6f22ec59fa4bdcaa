#!/usr/bin/env python3
"""Compares the golden work summary's figures (RESULTS_DIR/figures.json, `civic report --figures`) with the
figures a served Civic API gives for the same unit and period: GET /api/scores (total, rate, coverage,
aspects, weak items, sibling rank), /api/scores/items/{code} (survey rates; statistics that meet their
target), /api/case-measures and /api/plan-progress. usage: report_api_check.py RESULTS_DIR BASE_URL TOKEN
UNIT PERIOD DATE"""
import json
import sys
import urllib.request

results, base, token, unit, period, day = sys.argv[1:7]
figures = json.load(open(f"{results}/figures.json", encoding="utf-8"))["figures"]
failures = []
compared = 0


def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read().decode("utf-8"))


def same(name, api_value):
    """The document's figure `name` equals the API's value (both null, or within 1e-9)."""
    global compared
    compared += 1
    if name not in figures:
        failures.append(f"{name}: not among the document's figures")
        return
    mine = figures[name]
    if mine is None or api_value is None:
        if mine is not api_value:
            failures.append(f"{name}: document {mine!r}, API {api_value!r}")
        return
    if abs(float(mine) - float(api_value)) > 1e-9:
        failures.append(f"{name}: document {mine!r}, API {api_value!r}")


q = f"unit={unit}&period={period}"
scores = get(f"/api/scores?{q}&weak_threshold=0.85")
same("score.total", scores["total"])
same("score.total_rate", scores["total_rate"])
same("score.coverage", scores["coverage"])
same("score.weak_count", len(scores["weak_items"]))
rank = scores.get("sibling_rank") or {}
same("score.rank", rank.get("rank"))
same("score.rank_of", rank.get("of"))
for a in scores["aspects"]:
    same(f"score.aspects[{a['code']}].rate", a["rate"])

surveys = met = statistics = 0
for a in scores["aspects"]:
    for i in a["indicators"]:
        for it in i["items"]:
            if it.get("method") not in ("survey", "statistic"):
                continue
            e = get(f"/api/scores/items/{it['code']}?{q}")
            if e["method"] == "survey" and e["assessed"]:
                surveys += 1
                same(f"survey[{e['item']}].rate", e.get("response_rate"))
            elif e["method"] == "statistic":
                statistics += 1
                v = e["value"]
                if v is not None and (v >= e["target"] - 1e-9 if e["direction"] == "higher"
                                      else v <= e["target"] + 1e-9):
                    met += 1
same("survey.count", surveys)
same("statistics.met", met)

cases = get(f"/api/case-measures?{q}")["measures"]
same("cases.count", cases["base_count"])
same("cases.closure_rate", cases["closure_rate"])
same("cases.on_time_rate", cases["on_time_closure_rate"])
same("cases.overdue_open", cases["overdue_open"])

plans = get(f"/api/plans?period={period}")["items"]
if plans:
    board = get(f"/api/plan-progress?unit={unit}&date={day}&plan={plans[0]['code']}")
    same("plan.progress", board["progress"])
    same("plan.expected", board["expected"])
    same("plan.task_count", board["task_count"])
    same("plan.overdue_count", board["overdue_count"])
else:
    same("plan.progress", None)

if failures:
    print("FAIL: the document's figures differ from the API's:\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"report_api_check: {compared} figures equal the API's ({surveys} survey items, {statistics} statistic "
      f"items of which {met} meet their target)")
