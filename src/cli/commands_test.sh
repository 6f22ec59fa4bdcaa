#!/usr/bin/env bash
# The command line, end to end on a fresh data directory: version, init, migrate, user (add, list, lock,
# unlock, reset-password, set-roles and the three-administrator rule), token (create, revoke, and the token
# then authenticates or not against a served API), backup, audit verify, import / export / score (a small
# bundle kept in the repository), and usage errors. Checks exit codes, output and the database's state.
# Exit codes (docs/operations.md): 0 done, 2 bad input or usage, 1 any other failure.
# usage: commands_test.sh CIVIC_BINARY BUNDLE_JSON
set -uo pipefail
civic=$1; bundle=$2
work=$(mktemp -d); server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; fail=$((fail + 1)); }
# expect RC DESCRIPTION -- COMMAND...: runs COMMAND, keeps its output in $out (stdout+stderr).
expect() {
  local want=$1 what=$2; shift 3
  out=$("$@" 2>&1); local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else bad "$what: exit $rc, expected $want; output: $out"; fi
}
contains() { if grep -qF -- "$2" <<<"$out"; then ok; else bad "$1: output lacks '$2': $out"; fi; }
sql() { sqlite3 "$d/civic.db" "$1"; }
d="$work/data"

expect 0 "version" -- "$civic" version
contains "version" "civic "
expect 2 "an unknown command is a usage error" -- "$civic" no-such-command
expect 2 "a missing required option is a usage error" -- "$civic" score --data "$d"

expect 0 "init" -- "$civic" init --data "$d" --city-code C --city-name 青川市
contains "init" "created the root unit C"
[ "$(sql "SELECT code FROM units WHERE parent_id IS NULL")" = C ] && ok || bad "init: no root unit C"
expect 0 "migrate is safe to run again" -- "$civic" migrate --data "$d"
contains "migrate" "up to date"
expect 1 "init refuses a database with data" -- "$civic" init --data "$d" --city-code C --city-name 市

# Accounts.
expect 0 "user add" -- "$civic" user add alice --unit C --role office --data "$d"
contains "user add" "one-time password"
expect 0 "user add with a password (setup)" -- "$civic" user add bob --unit C --role inspector --password 'Setup#2026pw' --data "$d"
[ "$(sql "SELECT must_change_password FROM users WHERE username='bob'")" = 0 ] && ok || bad "console --password must not force a change"
[ "$(sql "SELECT must_change_password FROM users WHERE username='alice'")" = 1 ] && ok || bad "a one-time password must force a change"
expect 2 "user add: unknown unit" -- "$civic" user add carol --unit NOPE --role office --data "$d"
contains "user add: unknown unit" "unknown unit 'NOPE'"
expect 2 "user add: an admin role is held alone" -- "$civic" user add carol --unit C --role system_admin --role office --data "$d"
contains "user add: an admin role is held alone" "held alone"
expect 1 "user add: the name is taken" -- "$civic" user add alice --unit C --role office --data "$d"
expect 2 "user add: a weak password" -- "$civic" user add dave --unit C --role office --password short --data "$d"
expect 0 "user list" -- "$civic" user list --data "$d"
contains "user list" "alice"
contains "user list" "bob"
expect 0 "user lock" -- "$civic" user lock alice --data "$d"
[ "$(sql "SELECT locked_until > 0 FROM users WHERE username='alice'")" = 1 ] && ok || bad "lock did not lock"
expect 0 "user unlock" -- "$civic" user unlock alice --data "$d"
[ "$(sql "SELECT locked_until FROM users WHERE username='alice'")" = 0 ] && ok || bad "unlock did not unlock"
hash_before=$(sql "SELECT password_hash FROM users WHERE username='bob'")
expect 0 "user reset-password" -- "$civic" user reset-password bob --data "$d"
contains "user reset-password" "one-time password for bob"
[ "$(sql "SELECT password_hash FROM users WHERE username='bob'")" != "$hash_before" ] && ok || bad "reset kept the hash"
[ "$(sql "SELECT must_change_password FROM users WHERE username='bob'")" = 1 ] && ok || bad "reset must force a change"
expect 0 "user set-roles" -- "$civic" user set-roles alice --role leader --data "$d"
[ "$(sql "SELECT roles FROM users WHERE username='alice'")" = leader ] && ok || bad "set-roles did not store leader"
expect 1 "user lock: unknown account" -- "$civic" user lock nobody --data "$d"

# API tokens: created once, work against the API, stop working when revoked.
expect 0 "token create" -- "$civic" token create --user alice --name nightly --data "$d"
token=$(grep -oE 'civic_[0-9a-f]+' <<<"$out" | head -1)
id=$(grep -oE '^token [0-9]+' <<<"$out" | grep -oE '[0-9]+')
[ -n "$token" ] && [ -n "$id" ] && ok || bad "token create printed no token or id: $out"
[ "$(sql "SELECT COUNT(*) FROM api_tokens WHERE token_hash LIKE '%$token%'")" = 0 ] && ok || bad "the token is stored in clear"
port_file="$work/port"
"$civic" serve --data "$d" --host 127.0.0.1 --port 0 --web "$work/no-web" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -1 | grep -oE '[0-9]+$')
  [ -n "$port" ] && break; sleep 0.1
done
if [ -n "${port:-}" ]; then
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/me")
  [ "$code" = 200 ] && ok || bad "a fresh token answered $code on /api/me"
  expect 0 "token revoke" -- "$civic" token revoke "$id" --data "$d"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/me")
  [ "$code" = 401 ] && ok || bad "a revoked token answered $code on /api/me"
  kill "$server"; wait "$server" 2>/dev/null; server=
else
  bad "serve printed no address: $(cat "$work/serve.log")"
fi
expect 1 "token revoke: unknown id" -- "$civic" token revoke 999 --data "$d"
expect 1 "token create: unknown user" -- "$civic" token create --user nobody --name x --data "$d"

# Evaluation data: import a bundle, score it, export it, import the export elsewhere to the same score.
expect 0 "import" -- "$civic" import "$bundle" --data "$d"
period=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['periods'][0]['code'])" "$bundle")
root=$(python3 -c "import json,sys; print([u['code'] for u in json.load(open(sys.argv[1]))['units'] if not u.get('parent')][0])" "$bundle")
expect 0 "score" -- "$civic" score --data "$d" --unit "$root" --period "$period"
score_a=$out
contains "score" "\"total\""
expect 0 "score --format table" -- "$civic" score --data "$d" --unit "$root" --period "$period" --format table
expect 2 "score: unknown period" -- "$civic" score --data "$d" --unit "$root" --period 1999H1
contains "score: unknown period" "--period"
expect 2 "score: unknown unit" -- "$civic" score --data "$d" --unit NOPE --period "$period"
# The work summary of the same unit and period (reports.md): its figures as JSON, the document in a file.
expect 0 "report --figures" -- "$civic" report --data "$d" --unit "$root" --period "$period" --figures
contains "report --figures" "\"score.total_rate\""
contains "report --figures" "\"fingerprint\""
expect 0 "report --format html" -- "$civic" report --data "$d" --unit "$root" --period "$period" --format html \
  --out "$work/summary.html"
grep -q "<!DOCTYPE html>" "$work/summary.html" && ok || bad "report --format html wrote no HTML"
expect 0 "report --format pdf" -- "$civic" report --data "$d" --unit "$root" --period "$period" --out "$work/s.pdf"
[ "$(head -c 5 "$work/s.pdf")" = "%PDF-" ] && ok || bad "report --format pdf wrote no PDF"
expect 2 "report: unknown format" -- "$civic" report --data "$d" --unit "$root" --period "$period" --format odt \
  --out "$work/x"
expect 2 "report: neither --out nor --figures" -- "$civic" report --data "$d" --unit "$root" --period "$period"
expect 2 "report: unknown unit" -- "$civic" report --data "$d" --unit NOPE --period "$period" --figures
expect 0 "export" -- "$civic" export --data "$d" --period "$period" --out "$work/export.json"
python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['format'] == 'civic-bundle/1'" "$work/export.json" && ok || bad "export is not a civic-bundle/1"
expect 0 "init a second directory" -- "$civic" init --data "$work/second" --city-code "$root" --city-name 市
expect 0 "import the export" -- "$civic" import "$work/export.json" --data "$work/second"
expect 0 "score the re-import" -- "$civic" score --data "$work/second" --unit "$root" --period "$period"
[ "$out" = "$score_a" ] && ok || bad "the re-imported export scores differently"
inspections=$(sql "SELECT COUNT(*) FROM inspections")
expect 2 "importing the same bundle again is refused" -- "$civic" import "$bundle" --data "$d"
[ "$(sql "SELECT COUNT(*) FROM inspections")" = "$inspections" ] && ok || bad "a refused import changed the inspections"
printf '{"format":"civic-bundle/1","framework":' >"$work/broken.json"
expect 2 "import: a broken file" -- "$civic" import "$work/broken.json" --data "$d"

# Backup: a consistent copy that opens and holds the same accounts; never over an existing file.
expect 0 "backup" -- "$civic" backup "$work/backup.db" --data "$d"
[ "$(sqlite3 "$work/backup.db" "SELECT COUNT(*) FROM users")" = "$(sql "SELECT COUNT(*) FROM users")" ] && ok || bad "the backup holds other accounts"
[ "$(sqlite3 "$work/backup.db" "PRAGMA integrity_check")" = ok ] && ok || bad "the backup fails its integrity check"
expect 1 "backup: never over an existing file" -- "$civic" backup "$work/backup.db" --data "$d"

# The audit log recorded all of the above, and its chain verifies.
expect 0 "audit verify" -- "$civic" audit verify --data "$d"
contains "audit verify" "chain intact"
[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action IN ('user.create','user.lock','user.unlock','user.reset_password')")" -ge 5 ] && ok || bad "the account changes are not audited"

echo "cli commands: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
