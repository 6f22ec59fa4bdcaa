#!/usr/bin/env python3
"""Checks the bulletin files in RESULTS_DIR (bulletin_golden_test.sh): every unit of the 红榜 (red_list) and
黑榜 (black_list) sections of content.json appears in the PDF's text (pdftotext) and in the DOCX's text
(word/document.xml through zipfile, no python-docx), with the headings 红榜 and 黑榜; both lists are non-empty;
the PDF's fonts are all embedded; the DOCX holds the same units in a table."""
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

results = sys.argv[1]
failures = []
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squeeze(text):
    return re.sub(r"\s+", "", text)


content = json.load(open(f"{results}/content.json", encoding="utf-8"))
sections = {s["key"]: s for s in content.get("sections", [])}
units = {}
for key in ("red_list", "black_list"):
    rows = sections.get(key, {}).get("rows", [])
    if not rows:
        failures.append(f"{key}: no rows in the bulletin's content")
    units[key] = [r["unit_name"] for r in rows]

pdf = squeeze(open(f"{results}/bulletin.pdf.txt", encoding="utf-8").read())
with zipfile.ZipFile(f"{results}/bulletin.docx") as z:
    root = ET.fromstring(z.read("word/document.xml"))
docx_text = squeeze("".join(t.text or "" for t in root.iter(W + "t")))
table_cells = {squeeze("".join(t.text or "" for t in tc.iter(W + "t"))) for tc in root.iter(W + "tc")}

for heading in ("红榜", "黑榜"):
    if heading not in pdf:
        failures.append(f"PDF: no heading {heading}")
    if heading not in docx_text:
        failures.append(f"DOCX: no heading {heading}")
for key, names in units.items():
    for name in names:
        if squeeze(name) not in pdf:
            failures.append(f"PDF: {key} unit {name} missing")
        if squeeze(name) not in table_cells:
            failures.append(f"DOCX: {key} unit {name} not in a table cell")

fonts = open(f"{results}/pdffonts.txt", encoding="utf-8").read().splitlines()[2:]
if not fonts:
    failures.append("pdffonts lists no fonts")
for line in fonts:
    cols = line.split()
    # name type [type] encoding emb sub uni object ID: emb is the 5th column from the end.
    if len(cols) < 7 or cols[-5] != "yes":
        failures.append(f"font not embedded: {line}")
if not any("CJK" in line for line in fonts):
    failures.append("no Noto CJK font in the PDF")

if failures:
    print("FAIL\n" + "\n".join(failures))
    sys.exit(1)
print(f"ok: red {units['red_list']}, black {units['black_list']} in the PDF and the DOCX")
