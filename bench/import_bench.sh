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
