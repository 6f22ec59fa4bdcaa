#!/usr/bin/env bash
# Documents on the demo city (reports.md, bulletins.md; target < 2 s each): 互贸区's 2026H1 work summary as PDF
# (`civic report`: open the database, gather every figure from the services, lay out and render with cairo +
# pango, Noto CJK embedded) and the city-wide bulletin as PDF (`civic bulletin`: the published round bulletin
# through the same renderers), each end to end as a process, RUNS times (default 5): median and max wall
# seconds. Baselines beside them: the same document as HTML (the same process without the PDF layout), and
# `pdftotext` of the PDF (reading it back). The load average is printed first: the machine may be shared.
# Usage: bench/document_bench.sh [path/to/civic] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
CIVIC=${1:-build/civic}
RUNS=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$CIVIC" init --demo --data "$tmp/data" >/dev/null

# Prints "median max" of the wall seconds of RUNS runs of the command.
timed() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    times+=("$(python3 -c "print($end - $start)")")
  done
  python3 -c 'import statistics, sys; t = [float(x) for x in sys.argv[1:]]; print(f"median {statistics.median(t):.3f} s, max {max(t):.3f} s")' "${times[@]}"
}

echo "documents on the demo city ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each):"
printf '  %-58s %s\n' "civic report --unit HM --period 2026H1 --format pdf" \
  "$(timed "$CIVIC" report --data "$tmp/data" --unit HM --period 2026H1 --format pdf --out "$tmp/hm.pdf")"
printf '  %-58s %s\n' "  baseline: the same summary --format html" \
  "$(timed "$CIVIC" report --data "$tmp/data" --unit HM --period 2026H1 --format html --out "$tmp/hm.html")"
printf '  %-58s %s\n' "  baseline: pdftotext of the PDF" "$(timed pdftotext -enc UTF-8 "$tmp/hm.pdf" "$tmp/hm.txt")"
echo "    pages: $(pdfinfo "$tmp/hm.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}'), bytes: $(wc -c <"$tmp/hm.pdf")"
printf '  %-58s %s\n' "civic bulletin --format pdf (the city-wide round bulletin)" \
  "$(timed "$CIVIC" bulletin --data "$tmp/data" --format pdf --out "$tmp/bulletin.pdf")"
printf '  %-58s %s\n' "  baseline: the same bulletin --format html" \
  "$(timed "$CIVIC" bulletin --data "$tmp/data" --format html --out "$tmp/bulletin.html")"
printf '  %-58s %s\n' "  baseline: pdftotext of the PDF" \
  "$(timed pdftotext -enc UTF-8 "$tmp/bulletin.pdf" "$tmp/bulletin.txt")"
echo "    pages: $(pdfinfo "$tmp/bulletin.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}'), bytes: $(wc -c <"$tmp/bulletin.pdf")"
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
