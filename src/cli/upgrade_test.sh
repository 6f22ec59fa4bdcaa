#!/usr/bin/env bash
# Upgrades and downgrades, as a package upgrade meets them (docs/operations.md "Upgrade"): a database left at
# an older schema (`civic migrate --to`) is refused by `civic serve` with the command to run, is migrated on
# start with --migrate-on-start (audited, the audit chain intact, the server ready), and a database newer than
# the binary is refused by serve and migrate alike with "upgrade civic", changing nothing.
# usage: upgrade_test.sh CIVIC_BINARY
set -uo pipefail
civic=$1
work=$(mktemp -d); server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; fail=$((fail + 1)); }
expect() {  # expect RC DESCRIPTION -- COMMAND...: runs COMMAND, keeps its output in $out
  local want=$1 what=$2; shift 3
  out=$("$@" 2>&1); local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else bad "$what: exit $rc, expected $want; output: $out"; fi
}
contains() { if grep -qF -- "$2" <<<"$out"; then ok; else bad "$1: output lacks '$2': $out"; fi; }
d="$work/data"
sql() { sqlite3 "$d/civic.db" "$1"; }

latest=$("$civic" migrate --data "$work/probe" | grep -oE 'version [0-9]+' | tail -1 | grep -oE '[0-9]+')
[ -n "$latest" ] && [ "$latest" -ge 3 ] && ok || bad "no latest schema version from migrate: $latest"
older=$((latest - 1))

expect 0 "a staged migration stops at the version asked for" -- "$civic" migrate --data "$d" --to "$older"
contains "staged migration" "schema is now version $older"
[ "$(sql 'SELECT MAX(version) FROM schema_version')" = "$older" ] && ok || bad "the schema is not at $older"
expect 2 "--to past the latest version is a usage error" -- "$civic" migrate --data "$d" --to $((latest + 1))

# An older schema: serve refuses and names the command; nothing is migrated behind the operator's back.
expect 1 "serve refuses an older schema" -- timeout 20 "$civic" serve --data "$d" --host 127.0.0.1 --port 0
contains "serve names the fix" "run \`civic migrate\`"
[ "$(sql 'SELECT MAX(version) FROM schema_version')" = "$older" ] && ok || bad "serve changed the schema"

# --migrate-on-start (storage.migrate_on_start in the package's civic.toml): migrated, audited, serving.
"$civic" serve --data "$d" --host 127.0.0.1 --port 0 --migrate-on-start --web "$work/no-web" >"$work/serve.log" 2>&1 &
server=$!
port=
for _ in $(seq 1 100); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -1 | grep -oE '[0-9]+$')
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -n "$port" ]; then
  ok
  ready=$(curl -s "http://127.0.0.1:$port/api/ready")
  grep -q '"status":"ready"' <<<"$ready" && ok || bad "not ready after migrating on start: $ready"
else
  bad "serve --migrate-on-start did not start: $(cat "$work/serve.log")"
fi
kill "$server"; wait "$server" 2>/dev/null; server=
grep -q "migrated the database .* to schema version $latest" "$work/serve.log" && ok ||
  bad "the log does not say the database was migrated: $(cat "$work/serve.log")"
[ "$(sql 'SELECT MAX(version) FROM schema_version')" = "$latest" ] && ok || bad "not migrated to $latest on start"
[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'schema.migrate' AND object_id = '$latest'")" = 1 ] && ok ||
  bad "the migration on start is not audited"
expect 0 "the audit chain holds after the migration on start" -- "$civic" audit verify --data "$d"
contains "audit verify" "chain intact"

# A newer schema (an older binary after a downgrade): refused by serve and migrate, nothing changed.
sql "INSERT INTO schema_version (version, name, applied_at) VALUES ($((latest + 1)), 'from a newer civic', 0)"
before=$(sql 'SELECT COUNT(*) FROM schema_version')
expect 1 "serve refuses a newer schema" -- timeout 20 "$civic" serve --data "$d" --host 127.0.0.1 --port 0 --migrate-on-start
contains "serve says to upgrade" "upgrade civic"
expect 1 "migrate refuses a newer schema" -- "$civic" migrate --data "$d"
contains "migrate says to upgrade" "upgrade civic"
[ "$(sql 'SELECT COUNT(*) FROM schema_version')" = "$before" ] && ok || bad "a refused downgrade changed the schema"

echo "upgrade: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
