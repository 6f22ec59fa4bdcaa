#!/usr/bin/env bash
# The city-scale import on both databases side by side (issue 22): `civic init --demo --scale city` (generate
# the synthetic city and import it as one bundle, one transaction) and `civic import` of the exported 2026H1
# bundle into a fresh database, each on SQLite and on PostgreSQL (the test cluster of
# scripts/start-test-postgres, in a database of its own that is erased and refilled). Prints wall seconds
# and the PostgreSQL / SQLite ratio (goal: within 2×).
#   bench/import_bench.sh BUILD/civic
set -euo pipefail
civic=${1:-build/civic}
cd "$(dirname "$0")/.."
pg_base=$(scripts/start-test-postgres)      # postgresql://postgres@127.0.0.1:PORT/civic_test
pg_server=${pg_base%/*}
db=civic_import_bench
port=${pg_server##*:}
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
psql_ -d civic_test -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
  psql_ -d civic_test -c "CREATE DATABASE $db"
pg_url="$pg_server/$db"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
seconds() {  # seconds COMMAND…: runs it quietly, prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$tmp/out.log" 2>&1 || { cat "$tmp/out.log" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.1f", $2 - $1}'
}
ratio() { echo "$1 $2" | awk '{ if ($1 > 0) printf "%.2f×", $2 / $1; else print "-" }'; }

echo "city-scale import, SQLite vs PostgreSQL ($(nproc) cores; PostgreSQL at $pg_server, fsync=off):"
printf '  %-52s %10s %12s %8s\n' "" "SQLite" "PostgreSQL" "PG/SQL"

s_init=$(seconds "$civic" init --demo --scale city --data "$tmp/sqlite" --force)
p_init=$(seconds "$civic" init --demo --scale city --data "$tmp/pg" --db "$pg_url" --force)
printf '  %-52s %9ss %11ss %8s\n' "civic init --demo --scale city (generate + import)" "$s_init" "$p_init" \
  "$(ratio "$s_init" "$p_init")"
rows=$(psql_ -d "$db" -c "SELECT (SELECT COUNT(*) FROM inspections) || ' inspections, ' ||
  (SELECT COUNT(*) FROM inspection_results) || ' check results, ' || (SELECT COUNT(*) FROM responses) ||
  ' responses'")
echo "    (PostgreSQL holds $rows)"

"$civic" export --data "$tmp/sqlite" --period 2026H1 --out "$tmp/city.json" >/dev/null 2>&1
# Empty, migrated databases (no root unit: the bundle brings its own).
"$civic" migrate --data "$tmp/sqlite2" >/dev/null
psql_ -d "$db" -c "DROP SCHEMA public CASCADE" -c "CREATE SCHEMA public"
"$civic" migrate --data "$tmp/pg2" --db "$pg_url" >/dev/null
s_imp=$(seconds "$civic" import --data "$tmp/sqlite2" "$tmp/city.json")
p_imp=$(seconds "$civic" import --data "$tmp/pg2" --db "$pg_url" "$tmp/city.json")
printf '  %-52s %9ss %11ss %8s\n' "civic import (2026H1 bundle, $(du -m "$tmp/city.json" | cut -f1) MB)" "$s_imp" \
  "$p_imp" "$(ratio "$s_imp" "$p_imp")"

# The demo city (`civic init --demo`: its generators write cases, questionnaire answers, plans, rounds … through
# bulk writers or the services) and a 1,015-row task breakdown table (5 tasks for each of the 203 communities)
# imported through POST /api/plans/2026H1-LY/tasks/import as the office, on each database.
s_demo=$(seconds "$civic" init --demo --data "$tmp/demo-sqlite" --force)
psql_ -d "$db" -c "DROP SCHEMA public CASCADE" -c "CREATE SCHEMA public"
p_demo=$(seconds "$civic" init --demo --data "$tmp/demo-pg" --db "$pg_url" --force)
printf '  %-52s %9ss %11ss %8s\n' "civic init --demo (the demo city)" "$s_demo" "$p_demo" "$(ratio "$s_demo" "$p_demo")"
python3 - "$tmp/demo-sqlite/civic.db" >"$tmp/tasks.csv" <<'PY'
import sqlite3, sys
communities = [r[0] for r in sqlite3.connect(sys.argv[1]).execute(
    "SELECT code FROM units WHERE type = 'community' ORDER BY code")]
print("任务编号,任务内容,专项行动,牵头单位,责任单位,开始日期,完成时限,权重,关联测评内容")
n = 0
for c in communities:
    for action in ["YMHJ", "YLZX", "YZFW", "YXHD", "YJCP"]:
        n += 1
        print(f"IMP{n:05d},{c} {action} 专项整治,{action},{c},,2026-03-01,2026-06-30,1,")
PY
task_import() {  # task_import DATA [DB]: serves the demo, signs in as office, imports the table; prints seconds
  local port_file="$tmp/serve-port" log="$tmp/serve.log" pid base csrf start end
  if [ -n "${2:-}" ]; then
    CIVIC_PORT=0 "$civic" serve --data "$1" --db "$2" >"$log" 2>&1 &
  else
    CIVIC_PORT=0 "$civic" serve --data "$1" >"$log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 100); do
    base=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1 || true)
    [ -n "$base" ] && break
    sleep 0.1
  done
  csrf=$(curl -s -c "$tmp/cookies" -H 'Content-Type: application/json' \
    -d '{"username":"office","password":"Civic@2026"}' "$base/api/auth/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
  start=$(date +%s.%N)
  curl -sf -o "$tmp/import.json" -b "$tmp/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: text/csv' \
    --data-binary @"$tmp/tasks.csv" "$base/api/plans/2026H1-LY/tasks/import" || { kill "$pid"; return 1; }
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  grep -q '"created":1015' "$tmp/import.json" || { cat "$tmp/import.json" >&2; return 1; }
  echo "$start $end" | awk '{printf "%.2f", $2 - $1}'
}
s_tasks=$(task_import "$tmp/demo-sqlite")
p_tasks=$(task_import "$tmp/demo-pg" "$pg_url")
printf '  %-52s %9ss %11ss %8s\n' "task table import (1,015 rows, HTTP)" "$s_tasks" "$p_tasks" \
  "$(ratio "$s_tasks" "$p_tasks")"
