#!/usr/bin/env bash
# Bulletins as documents (issue 15): the demo city's published city-wide bulletin written by `civic bulletin`
# as PDF and DOCX (the report renderers), read back by readers other than the writers — pdftotext (poppler)
# and the DOCX's word/document.xml read by Python's zipfile — must name every unit of its 红榜 and 黑榜 (from
# `civic bulletin --content`, the rows as stored) and the section headings; pdffonts must show every font
# embedded. The files stay in RESULTS_DIR. Missing tools FAIL the test (scripts/install-deps installs them).
# usage: bulletin_golden_test.sh CIVIC_BINARY RESULTS_DIR
set -euo pipefail
civic=$1; results=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in pdftotext pdffonts; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool missing (poppler-utils; scripts/install-deps)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$results"; mkdir -p "$results"
"$civic" init --demo --data "$work/data" >/dev/null
"$civic" bulletin --data "$work/data" --content >"$results/content.json"
for f in pdf docx html; do
  "$civic" bulletin --data "$work/data" --format "$f" --out "$results/bulletin.$f"
done
pdftotext -enc UTF-8 "$results/bulletin.pdf" "$results/bulletin.pdf.txt"
pdffonts "$results/bulletin.pdf" >"$results/pdffonts.txt"
python3 "$here/bulletin_golden_check.py" "$results"
