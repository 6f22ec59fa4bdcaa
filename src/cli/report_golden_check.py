#!/usr/bin/env python3
"""Checks the golden work summary files in RESULTS_DIR (report_golden_test.sh): every figure of
figures.json, formatted as the document formats it, appears in the PDF's text (pdftotext), the DOCX
(python-docx: paragraphs and table cells), the HTML's text, and the XLSX's 数据 sheet holds each figure's raw
value; the sentences that carry the main figures read as the template writes them; pdffonts lists only
embedded fonts; there are page images."""
import glob
import html
import json
import math
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import docx

results = sys.argv[1]
failures = []


def fail(msg):
    failures.append(msg)


def fmt(name, value):
    """The document's display text of a figure (domain/reports/document.cc format_figure)."""
    if isinstance(value, str):
        return value or "—"
    if value is None:
        return "—"
    kind = "count"
    if name.endswith("rate") or name in ("score.coverage", "plan.progress", "plan.expected", "self_inspection.mean_gap"):
        kind = "rate"
    elif name == "score.total":
        kind = "points"
    if kind == "rate":
        s = "%.1f%%" % (value * 100)
    elif kind == "points":
        s = "%.2f" % value
    else:
        s = "%.0f" % round(value)
    return s[1:] if s.startswith("-0") and float(s.rstrip("%")) == 0 else s


def squeeze(text):
    return re.sub(r"\s+", "", text)


data = json.load(open(f"{results}/figures.json", encoding="utf-8"))
figures = data["figures"]
fp = data["fingerprint"]
if not figures:
    fail("no figures")

# The sentences of the shipped template's prose that carry figures: (text before, figure, text after).
contexts = [
    ("工作计划完成进度", "plan.progress", "，按时序应完成"),
    ("按时序应完成", "plan.expected", "，"),
    ("总得分", "score.total", "分，得分率"),
    ("分，得分率", "score.total_rate", "，在"),
    ("，在", "score.rank_of", "个区中排名第"),
    ("个区中排名第", "score.rank", "，测评覆盖率"),
    ("测评覆盖率", "score.coverage", "。"),
    ("薄弱环节", "score.weak_count", "项"),
    ("本期实地检查", "inspections.count", "次，合格率"),
    ("次，合格率", "inspections.pass_rate", "。"),
    ("发现并交办问题", "cases.count", "件"),
    ("已结案", "cases.closed", "件，结案率"),
    ("件，结案率", "cases.closure_rate", "，按期结案率"),
    ("，按期结案率", "cases.on_time_rate", "，超期未结"),
    ("超期未结", "cases.overdue_open", "件。"),
    ("共", "framework.aspect_count", "个方面、"),
    ("、", "framework.indicator_count", "项指标、"),
    ("统计指标中，", "statistics.met", "项达到目标值"),
    ("问卷调查项目", "survey.count", "项"),
]


def check_text(label, text):
    flat = squeeze(text)
    for name, value in figures.items():
        if value is None or (isinstance(value, str) and not value):
            continue
        shown = squeeze(fmt(name, value))
        if shown not in flat:
            fail(f"{label}: figure {name} = {shown} not found")
    for before, name, after in contexts:
        if figures.get(name) is None:
            continue
        phrase = squeeze(before + fmt(name, figures[name]) + after)
        if phrase not in flat:
            fail(f"{label}: '{phrase}' ({name}) not found")
    if str(fp["revision"]) not in flat or fp["sha256"] not in flat:
        fail(f"{label}: the fingerprint (revision {fp['revision']}, sha256 {fp['sha256']}) is not in the footer")


# PDF: text, fonts, pages.
check_text("pdf", open(f"{results}/huimao-2026H1.pdf.txt", encoding="utf-8").read())
fonts = open(f"{results}/pdffonts.txt", encoding="utf-8").read().splitlines()[2:]
if not fonts:
    fail("pdffonts lists no fonts")
for line in fonts:
    cols = line.split()
    # name type [type] encoding emb sub uni object ID: emb is the 5th column from the end.
    if len(cols) < 7 or cols[-5] != "yes":
        fail(f"pdf font not embedded: {line}")
if not any("CJK" in line for line in fonts):
    fail("no Noto CJK font in the PDF")
if not glob.glob(f"{results}/page-*.png"):
    fail("no page images")

# DOCX through python-docx.
d = docx.Document(f"{results}/huimao-2026H1.docx")
parts = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        parts.append("".join(c.text for c in row.cells))
for s in d.sections:
    parts.extend(p.text for p in s.footer.paragraphs)
check_text("docx", "\n".join(parts))
if d.styles["Normal"].element.rPr is None and not d.paragraphs:
    fail("docx has no body")

# HTML: its text.
raw = open(f"{results}/huimao-2026H1.html", encoding="utf-8").read()
body = re.sub(r"<style>.*?</style>", "", raw, flags=re.S)
check_text("html", html.unescape(re.sub(r"<[^>]+>", " ", body)))

# XLSX: the first sheet's XML and the shared strings, read with zipfile (not the writer, not liborcus).
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
with zipfile.ZipFile(f"{results}/huimao-2026H1.xlsx") as z:
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")))
    book = ET.fromstring(z.read("xl/workbook.xml"))
    names = [s.get("name") for s in book.find("m:sheets", ns)]
    if names[0] != "数据" or len(names) < 4:
        fail(f"xlsx sheets: {names}")
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = {}
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells = [None, None, None]  # by column A, B, C (a blank cell is not written at all)
        for c in row.findall("m:c", ns):
            col = ord(re.match(r"[A-Z]+", c.get("r")).group(0)[0]) - ord("A")
            v = c.find("m:v", ns)
            if col > 2 or v is None:
                continue
            cells[col] = shared[int(v.text)] if c.get("t") == "s" else float(v.text)
        if cells and isinstance(cells[0], str):
            rows[cells[0]] = cells[1:]
    for name, value in figures.items():
        got = rows.get(name)
        if got is None:
            fail(f"xlsx: figure {name} missing")
            continue
        if value is None:
            if got and got[0] not in (None, ""):
                fail(f"xlsx: {name} should be empty, is {got[0]}")
        elif isinstance(value, str):
            if got[0] != value:
                fail(f"xlsx: {name} = {got[0]!r}, API {value!r}")
        elif not isinstance(got[0], float) or not math.isclose(got[0], value, rel_tol=1e-12, abs_tol=1e-12):
            fail(f"xlsx: {name} = {got[0]!r}, API {value!r}")

numeric = sum(1 for v in figures.values() if isinstance(v, (int, float)))
if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
print(f"golden summary: {len(figures)} figures ({numeric} numbers) agree in pdf, docx, html and xlsx; "
      f"{len(fonts)} fonts embedded; {len(glob.glob(results + '/page-*.png'))} page images")
