#!/usr/bin/env bash
# civic import / score / export end to end, for every shared scoring vector:
#   scoring the database after `civic import` prints exactly what `civic score --bundle` prints;
#   `civic export` re-imports into a fresh database to the same scores;
#   a rejected import (here: the same bundle twice) exits non-zero and changes nothing.
# usage: evaluation_commands_test.sh CIVIC_BINARY SCORING_VECTOR_DIR
set -euo pipefail
civic=$1; vectors=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pass=0; fail=0
check() { if "$@"; then pass=$((pass+1)); else echo "FAIL: $*" >&2; fail=$((fail+1)); fi; }

for dir in "$vectors"/*/; do
  name=$(basename "$dir")
  a="$work/$name-a"; b="$work/$name-b"
  "$civic" init --data "$a" --city-code C --city-name 市 >/dev/null
  "$civic" import "$dir/bundle.json" --data "$a" >/dev/null
  queries=$(python3 -c "import json,sys; [print(q['unit'], q['period'], q['weak_threshold']) for q in json.load(open(sys.argv[1]))]" "$dir/expected.json")
  while read -r unit period thr; do
    from_bundle=$("$civic" score --bundle "$dir/bundle.json" --unit "$unit" --period "$period" --weak-threshold "$thr")
    from_db=$("$civic" score --data "$a" --unit "$unit" --period "$period" --weak-threshold "$thr")
    check test "$from_bundle" = "$from_db"
  done <<< "$queries"

  period=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['period'])" "$dir/expected.json")
  "$civic" export --data "$a" --period "$period" --out "$work/$name.json" 2>/dev/null
  "$civic" init --data "$b" --city-code C --city-name 市 >/dev/null
  "$civic" import "$work/$name.json" --data "$b" >/dev/null
  check test "$("$civic" score --data "$a" --unit C --period "$period")" = "$("$civic" score --data "$b" --unit C --period "$period")"

  before=$(sqlite3 "$a/civic.db" "SELECT COUNT(*) FROM inspections; SELECT revision FROM evaluation_revision")
  if "$civic" import "$dir/bundle.json" --data "$a" >/dev/null 2>"$work/err"; then check false; else check grep -q 'already imported' "$work/err"; fi
  check test "$before" = "$(sqlite3 "$a/civic.db" "SELECT COUNT(*) FROM inspections; SELECT revision FROM evaluation_revision")"
done
echo "evaluation commands: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
