#!/usr/bin/env python3
"""Validates a Civic framework file (the `framework` member of a civic-bundle/1 document).

Usage: check.py FILE [--shape any]

Checks the bundle.md rules (unique codes across aspects/indicators/items/checks, max_score > 0,
deduct >= 0, curves strictly increasing with fractions in [0, 1], floor < target < ceiling, known
grades), the scoring.md method fields, and the shape the default framework promises: seven aspects
A1..A7, 33 indicators, 111 items, 100 points, every method used, Chinese and English names, lead and
responsible units, 2-6 checks per field item, the required questions and metrics, and a negative list
of 8-12 events. `--shape any` keeps the format rules and drops the default-framework shape rules
(counts, required metrics and questions), for checking other frameworks.
Prints counts and exits 0 when the file passes, 1 (listing every problem) when it does not.
"""

import argparse
import json
import math
import re
import sys
from collections import Counter

METHODS = ("field", "survey", "statistic", "material")
SITE_TYPES = ["主干道", "背街小巷", "农贸市场", "广场", "公交站", "医院", "学校", "社区", "窗口单位", "公园", "公厕",
              "建筑工地", "商业大街", "景区", "车站码头"]
SEVEN_ASPECTS = ["廉洁高效的政务环境", "公正公平的法治环境", "规范守信的市场环境", "健康向上的人文环境",
                 "安居乐业的生活环境", "可持续发展的生态环境", "扎实有效的创建活动"]
REQUIRED_METRICS = {"gdp_per_capita": "higher", "urban_disposable_income": "higher",
                    "energy_per_gdp": "lower",
                    "air_good_days_ratio": "higher", "sewage_treatment_rate": "higher",
                    "garbage_sorting_coverage": "higher", "volunteer_share": "higher"}
REQUIRED_SURVEYS = {"Q_AWARE": {"know"}, "Q_SUPPORT": {"support", "strongly_support"}}
# Traditional forms that must not appear: the product text is simplified Chinese.
TRADITIONAL = set("區體設處國們會來對時這為經開關與發當點從實見還進應價與衛環滿務傳網職")
COMMON_KEYS = {"code", "name", "name_en", "max_score", "method", "lead_unit", "responsible_units",
               "description"}
METHOD_KEYS = {"field": {"checks"}, "survey": {"question", "positive", "curve"},
               "statistic": {"metric", "target", "direction", "floor", "ceiling"}, "material": set()}
CHECK_KEYS = {"code", "text", "text_en", "deduct", "site_types"}

CJK = re.compile(r"[\u4e00-\u9fff]")


class Report:
    def __init__(self):
        self.problems = []

    def add(self, path, message):
        self.problems.append(f"{path}: {message}")


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check_text(report, path, obj, zh_key, en_key):
    zh, en = obj.get(zh_key), obj.get(en_key)
    if not isinstance(zh, str) or not CJK.search(zh):
        report.add(f"{path}.{zh_key}", "missing or has no Chinese text")
    elif TRADITIONAL & set(zh):
        report.add(f"{path}.{zh_key}", f"traditional characters {''.join(sorted(TRADITIONAL & set(zh)))}")
    if not isinstance(en, str) or not en.strip() or CJK.search(en):
        report.add(f"{path}.{en_key}", "missing or not English")


def check_curve(report, path, curve):
    if not isinstance(curve, list) or not curve:
        report.add(path, "curve must be a non-empty list of [rate, fraction]")
        return
    last = None
    for n, point in enumerate(curve):
        if (not isinstance(point, list) or len(point) != 2 or not all(is_number(v) for v in point)):
            report.add(f"{path}[{n}]", "point must be [rate, fraction]")
            return
        rate, fraction = point
        if not 0 <= rate <= 1 or not 0 <= fraction <= 1:
            report.add(f"{path}[{n}]", "rate and fraction must lie in [0, 1]")
        if last is not None and rate <= last:
            report.add(f"{path}[{n}]", "rates must be strictly increasing")
        last = rate


def check_item(report, path, item, ctx):
    method = item.get("method")
    if method not in METHODS:
        report.add(f"{path}.method", f"unknown method {method!r}")
        return
    allowed = COMMON_KEYS | METHOD_KEYS[method]
    for key in item:
        if key not in allowed:
            report.add(f"{path}.{key}", f"not a field of a {method} item")
    check_text(report, path, item, "name", "name_en")
    score = item.get("max_score")
    if not is_number(score) or score <= 0:
        report.add(f"{path}.max_score", "must be a number > 0")
        score = 0
    elif ctx["strict"] and abs(score * 4 - round(score * 4)) > 1e-9:
        report.add(f"{path}.max_score", "must be a multiple of 0.25")
    lead = item.get("lead_unit")
    if not isinstance(lead, str) or not CJK.search(lead):
        report.add(f"{path}.lead_unit", "missing lead unit (牵头单位)")
    units = item.get("responsible_units")
    if (not isinstance(units, list) or not units
            or not all(isinstance(u, str) and CJK.search(u) for u in units)):
        report.add(f"{path}.responsible_units", "must be a non-empty list of unit names")
    desc = item.get("description")
    if not isinstance(desc, str) or not CJK.search(desc):
        report.add(f"{path}.description", "missing Chinese description (测评标准说明)")
    elif TRADITIONAL & set(desc):
        report.add(f"{path}.description", "traditional characters")

    if method == "field":
        checks = item.get("checks")
        if not isinstance(checks, list) or not 2 <= len(checks) <= 6:
            report.add(f"{path}.checks", "a field item needs 2-6 checks")
            return
        for n, check in enumerate(checks, 1):
            cpath = f"{path}.checks[{n - 1}]"
            if not isinstance(check, dict):
                report.add(cpath, "must be an object")
                continue
            for key in check:
                if key not in CHECK_KEYS:
                    report.add(f"{cpath}.{key}", "not a field of a check")
            ctx["codes"].append((cpath, check.get("code")))
            if check.get("code") != f"{item.get('code')}-{n}":
                report.add(f"{cpath}.code", f"expected {item.get('code')}-{n}, got {check.get('code')!r}")
            check_text(report, cpath, check, "text", "text_en")
            deduct = check.get("deduct")
            if not is_number(deduct) or deduct < 0:
                report.add(f"{cpath}.deduct", "must be a number >= 0")
            elif deduct > score:
                report.add(f"{cpath}.deduct", f"{deduct} exceeds the item's max_score {score}")
            elif ctx["strict"] and deduct == 0:
                report.add(f"{cpath}.deduct", "a per-occurrence deduction of 0 never costs points")
            types = check.get("site_types")
            if types is None:
                ctx["site_types_used"].update(ctx["site_types"])
            elif not isinstance(types, list) or not types:
                report.add(f"{cpath}.site_types", "must be a non-empty list (omit it for all types)")
            else:
                for t in types:
                    if t not in ctx["site_types"]:
                        report.add(f"{cpath}.site_types", f"unknown site type {t!r}")
                if len(set(types)) != len(types):
                    report.add(f"{cpath}.site_types", "repeats a site type")
                ctx["site_types_used"].update(types)
            ctx["checks"] += 1
    elif method == "survey":
        question = item.get("question")
        options = ctx["questions"].get(question)
        if options is None:
            report.add(f"{path}.question", f"unknown question {question!r}")
        else:
            ctx["questions_used"].add(question)
        positive = item.get("positive")
        if not isinstance(positive, list) or not positive or not all(isinstance(p, str) for p in positive):
            report.add(f"{path}.positive", "must be a non-empty list of answer values")
        elif options is not None:
            for p in positive:
                if p not in options:
                    report.add(f"{path}.positive", f"{p!r} is not an option of {question}")
        if "curve" in item:
            check_curve(report, f"{path}.curve", item["curve"])
        ctx["surveys"].append((question, frozenset(positive or [])))
    elif method == "statistic":
        metric = item.get("metric")
        if not isinstance(metric, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", metric):
            report.add(f"{path}.metric", "must be a snake_case metric name")
        elif metric in ctx["metrics"]:
            report.add(f"{path}.metric", f"{metric} is already used by {ctx['metrics'][metric][0]}")
        direction = item.get("direction", "higher")
        if direction not in ("higher", "lower"):
            report.add(f"{path}.direction", "must be higher or lower")
        target = item.get("target")
        if not is_number(target):
            report.add(f"{path}.target", "must be a number")
        else:
            floor = item.get("floor", 0 if direction == "higher" else None)
            ceiling = item.get("ceiling", 2 * target if direction == "lower" else None)
            if direction == "higher" and "ceiling" in item:
                report.add(f"{path}.ceiling", "a higher-is-better item uses floor, not ceiling")
            if direction == "lower" and "floor" in item:
                report.add(f"{path}.floor", "a lower-is-better item uses ceiling, not floor")
            if floor is not None and (not is_number(floor) or not floor < target):
                report.add(f"{path}.floor", "must be a number below target")
            if ceiling is not None and (not is_number(ceiling) or not target < ceiling):
                report.add(f"{path}.ceiling", "must be a number above target")
        if isinstance(metric, str):
            ctx["metrics"][metric] = (path, direction)


def check_framework(fw, strict):
    report = Report()
    if not isinstance(fw, dict):
        report.add("$", "must be a JSON object")
        return report, {}
    if "format" in fw or "units" in fw:
        report.add("$", "this is a whole bundle; the file holds only its framework member")
    for key in ("code", "name", "name_en", "version", "grades", "site_types", "questions", "negative_list",
                "aspects"):
        if key not in fw:
            report.add(f"$.{key}", "missing")
    if not isinstance(fw.get("code"), str) or not fw.get("code"):
        report.add("$.code", "must be a non-empty string")
    check_text(report, "$", fw, "name", "name_en")
    if not isinstance(fw.get("version"), int) or isinstance(fw.get("version"), bool) or fw["version"] < 1:
        report.add("$.version", "must be an integer >= 1")
    grades = fw.get("grades")
    if not isinstance(grades, dict) or not grades:
        report.add("$.grades", "must map grades to fractions")
    else:
        for g, f in grades.items():
            if not is_number(f) or not 0 <= f <= 1:
                report.add(f"$.grades.{g}", "fraction must lie in [0, 1]")

    site_types = []
    for n, st in enumerate(fw.get("site_types") or []):
        if not isinstance(st, dict) or not isinstance(st.get("code"), str) or not st.get("name_en"):
            report.add(f"$.site_types[{n}]", "needs code and name_en")
            continue
        if st["code"] in site_types:
            report.add(f"$.site_types[{n}].code", f"duplicate {st['code']}")
        site_types.append(st["code"])
    if strict and site_types != SITE_TYPES:
        report.add("$.site_types", f"expected the 15 site types {SITE_TYPES}")

    questions = {}
    for n, q in enumerate(fw.get("questions") or []):
        qpath = f"$.questions[{n}]"
        if not isinstance(q, dict) or not isinstance(q.get("code"), str):
            report.add(qpath, "needs a code")
            continue
        if q["code"] in questions:
            report.add(f"{qpath}.code", f"duplicate {q['code']}")
        check_text(report, qpath, q, "text", "text_en")
        values = []
        options = q.get("options")
        if not isinstance(options, list) or len(options) < 2:
            report.add(f"{qpath}.options", "needs at least two options")
            options = []
        for m, opt in enumerate(options):
            opath = f"{qpath}.options[{m}]"
            if not isinstance(opt, dict) or not isinstance(opt.get("value"), str) or not opt["value"]:
                report.add(opath, "needs a string value")
                continue
            if opt["value"] in values:
                report.add(f"{opath}.value", f"duplicate {opt['value']}")
            values.append(opt["value"])
            check_text(report, opath, opt, "label", "label_en")
        questions[q["code"]] = values

    ctx = {"strict": strict, "site_types": site_types, "questions": questions, "codes": [], "checks": 0,
           "site_types_used": set(), "questions_used": set(), "surveys": [], "metrics": {}}
    methods = Counter()
    total = 0.0
    n_indicators = n_items = 0
    per_aspect = []
    aspects = fw.get("aspects")
    if not isinstance(aspects, list) or not aspects:
        report.add("$.aspects", "must be a non-empty list")
        aspects = []
    for a, aspect in enumerate(aspects, 1):
        apath = f"$.aspects[{a - 1}]"
        if not isinstance(aspect, dict):
            report.add(apath, "must be an object")
            continue
        ctx["codes"].append((apath, aspect.get("code")))
        if aspect.get("code") != f"A{a}":
            report.add(f"{apath}.code", f"expected A{a}, got {aspect.get('code')!r}")
        check_text(report, apath, aspect, "name", "name_en")
        if strict and a <= len(SEVEN_ASPECTS) and aspect.get("name") != SEVEN_ASPECTS[a - 1]:
            report.add(f"{apath}.name", f"expected {SEVEN_ASPECTS[a - 1]}")
        points, items_here, methods_here = 0.0, 0, Counter()
        indicators = aspect.get("indicators")
        if not isinstance(indicators, list) or not indicators:
            report.add(f"{apath}.indicators", "must be a non-empty list")
            indicators = []
        for i, indicator in enumerate(indicators, 1):
            ipath = f"{apath}.indicators[{i - 1}]"
            icode = f"{aspect.get('code')}.{i}"
            n_indicators += 1
            if not isinstance(indicator, dict):
                report.add(ipath, "must be an object")
                continue
            ctx["codes"].append((ipath, indicator.get("code")))
            if indicator.get("code") != icode:
                report.add(f"{ipath}.code", f"expected {icode}, got {indicator.get('code')!r}")
            check_text(report, ipath, indicator, "name", "name_en")
            items = indicator.get("items")
            if not isinstance(items, list) or not items:
                report.add(f"{ipath}.items", "must be a non-empty list")
                items = []
            for k, item in enumerate(items, 1):
                kpath = f"{ipath}.items[{k - 1}]"
                n_items += 1
                items_here += 1
                if not isinstance(item, dict):
                    report.add(kpath, "must be an object")
                    continue
                ctx["codes"].append((kpath, item.get("code")))
                if item.get("code") != f"{icode}.{k}":
                    report.add(f"{kpath}.code", f"expected {icode}.{k}, got {item.get('code')!r}")
                check_item(report, kpath, item, ctx)
                if is_number(item.get("max_score")):
                    total += item["max_score"]
                    points += item["max_score"]
                if item.get("method") in METHODS:
                    methods[item["method"]] += 1
                    methods_here[item["method"]] += 1
        per_aspect.append((aspect.get("code"), aspect.get("name"), len(indicators), items_here, points,
                           methods_here))

    seen = {}
    for path, code in ctx["codes"]:
        if not isinstance(code, str) or not code:
            report.add(path, "missing code")
        elif code in seen:
            report.add(f"{path}.code", f"{code} duplicates {seen[code]}")
        else:
            seen[code] = path

    for m in METHODS:
        if methods[m] == 0:
            report.add("$.aspects", f"no {m} item; every method must be used")
    for q in questions:
        if q not in ctx["questions_used"]:
            report.add("$.questions", f"{q} is not used by any survey item")

    negative = fw.get("negative_list")
    if not isinstance(negative, list):
        report.add("$.negative_list", "must be a list")
        negative = []
    for n, event in enumerate(negative, 1):
        npath = f"$.negative_list[{n - 1}]"
        if not isinstance(event, dict):
            report.add(npath, "must be an object")
            continue
        if event.get("code") != f"N{n}":
            report.add(f"{npath}.code", f"expected N{n}, got {event.get('code')!r}")
        check_text(report, npath, event, "name", "name_en")
        if not is_number(event.get("deduct")) or event["deduct"] < 0:
            report.add(f"{npath}.deduct", "must be a number >= 0")
        if not isinstance(event.get("disqualify"), bool):
            report.add(f"{npath}.disqualify", "must be true or false")

    if strict:
        if len(aspects) != 7:
            report.add("$.aspects", f"expected 7 aspects, found {len(aspects)}")
        if n_indicators != 33:
            report.add("$.aspects", f"expected 33 indicators, found {n_indicators}")
        if n_items != 111:
            report.add("$.aspects", f"expected 111 items, found {n_items}")
        if abs(total - 100) > 1e-9:
            report.add("$.aspects", f"points must total 100, found {total:g}")
        for metric, direction in REQUIRED_METRICS.items():
            if metric not in ctx["metrics"]:
                report.add("$.aspects", f"no statistic item for {metric}")
            elif ctx["metrics"][metric][1] != direction:
                report.add(ctx["metrics"][metric][0], f"{metric} should be direction {direction}")
        for question, positive in REQUIRED_SURVEYS.items():
            if (question, frozenset(positive)) not in ctx["surveys"]:
                report.add("$.aspects", f"no survey item on {question} with positive {sorted(positive)}")
        satisfaction = [q for q, p in ctx["surveys"] if p == frozenset({"4", "5"})]
        if len(set(satisfaction)) < 3:
            report.add("$.aspects", "needs satisfaction surveys (positive 4 and 5) on at least three topics")
        unused = [t for t in site_types if t not in ctx["site_types_used"]]
        if unused:
            report.add("$.site_types", f"no check applies to {unused}")
        if not 8 <= len(negative) <= 12:
            report.add("$.negative_list", f"expected 8-12 events, found {len(negative)}")
        if not any(isinstance(e, dict) and e.get("disqualify") is True for e in negative):
            report.add("$.negative_list", "no disqualifying (一票否决) event")

    counts = {"aspects": len(aspects), "indicators": n_indicators, "items": n_items, "points": total,
              "methods": methods, "checks": ctx["checks"], "site_types_used": len(ctx["site_types_used"]),
              "site_types": len(site_types), "questions": len(questions),
              "negative_list": len(negative), "disqualifying": sum(
                  1 for e in negative if isinstance(e, dict) and e.get("disqualify") is True),
              "statistic_metrics": len(ctx["metrics"]), "per_aspect": per_aspect}
    return report, counts


def print_counts(counts):
    if not counts:
        return
    m = counts["methods"]
    print(f"aspects {counts['aspects']}, indicators {counts['indicators']}, items {counts['items']}, "
          f"points {counts['points']:g}")
    print("items per method: " + ", ".join(f"{k} {m[k]}" for k in METHODS))
    print(f"checks {counts['checks']}, "
          f"site types used {counts['site_types_used']} of {counts['site_types']}, "
          f"questions {counts['questions']}, statistic metrics {counts['statistic_metrics']}")
    print(f"negative list {counts['negative_list']} events, {counts['disqualifying']} disqualifying")
    for code, name, n_ind, n_items, points, methods in counts["per_aspect"]:
        split = ", ".join(f"{k} {methods[k]}" for k in METHODS if methods[k])
        print(f"  {code} {name}: {n_ind} indicators, {n_items} items, {points:g} points ({split})")


def main(argv):
    parser = argparse.ArgumentParser(description="Validate a Civic framework file.")
    parser.add_argument("file")
    parser.add_argument("--shape", choices=("default", "any"), default="default",
                        help="'any' drops the default-framework shape rules (counts, required content)")
    opts = parser.parse_args(argv[1:])
    strict = opts.shape == "default"
    args = [opts.file]
    try:
        with open(args[0], encoding="utf-8") as f:
            fw = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{args[0]}: {e}", file=sys.stderr)
        return 1
    report, counts = check_framework(fw, strict)
    print_counts(counts)
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    if report.problems:
        print(f"{args[0]}: {len(report.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{args[0]}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
