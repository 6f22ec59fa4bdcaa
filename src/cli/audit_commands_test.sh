#!/usr/bin/env bash
# civic audit verify end to end against the anchor in the data directory (issue 11): a demo data directory
# verifies (exit 0); its key file is private; deleting a record and re-chaining the log (what someone with the
# database but not audit.key can do) is tampering (exit 3) naming the seq; an edit is tampering too; deleting
# the newest records is truncation (exit 4) naming the first deleted seq; keyed records without the key file
# cannot be verified (exit 1).
# usage: audit_commands_test.sh CIVIC_BINARY
set -euo pipefail
civic=$1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pass=0; fail=0
check() { if "$@"; then pass=$((pass+1)); else echo "FAIL: $*" >&2; fail=$((fail+1)); fi; }
# verify DIR: runs `civic audit verify`, leaves its output in $work/out and its exit status in $status.
verify() { set +e; "$civic" audit verify --data "$1" >"$work/out" 2>&1; status=$?; set -e; }

base="$work/base"
"$civic" init --demo --data "$base" >/dev/null
check test -f "$base/audit.key"
check test "$(stat -c %a "$base/audit.key")" = 600
check test -s "$base/audit.head"
newest=$(sqlite3 "$base/civic.db" "SELECT MAX(seq) FROM audit_log")
check test "$newest" -gt 10
check test "$(sqlite3 "$base/civic.db" "SELECT COUNT(*) FROM audit_log WHERE mac = ''")" = 0
verify "$base"
check test "$status" = 0
check grep -q "^ok: $newest audit records" "$work/out"

# Delete record 5 past the trigger and re-chain the rest: renumbered, links and hashes recomputed, the MACs
# kept (they cannot be recomputed without audit.key).
cp -r "$base" "$work/rechained"
python3 - "$work/rechained/civic.db" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER audit_log_no_update"); db.execute("DROP TRIGGER audit_log_no_delete")
cols = "seq, time, actor, role, unit, ip, action, object_type, object_id, before_json, after_json, prev_hash, hash, mac"
rows = [list(r) for r in db.execute(f"SELECT {cols} FROM audit_log WHERE seq >= 4 ORDER BY seq")]
db.execute("DELETE FROM audit_log WHERE seq >= 5")
prev = rows[0][12]
def put(v):
    b = str(v).encode()
    return str(len(b)).encode() + b":" + b + b";"
for r in rows[2:]:
    r[0] -= 1
    r[11] = prev
    text = b"civic-audit/1;" + put(r[11]) + b"".join(put(v) for v in r[0:11])
    r[12] = hashlib.sha256(text).hexdigest()
    prev = r[12]
    db.execute(f"INSERT INTO audit_log ({cols}) VALUES ({','.join('?' * 14)})", r)
db.commit()
PY
verify "$work/rechained"
check test "$status" = 3
check grep -q "tampered at seq 5: record 5: MAC does not match" "$work/out"

cp -r "$base" "$work/edited"
sqlite3 "$work/edited/civic.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 7"
verify "$work/edited"
check test "$status" = 3
check grep -q "tampered at seq 7" "$work/out"

cp -r "$base" "$work/truncated"
sqlite3 "$work/truncated/civic.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > $newest - 3"
verify "$work/truncated"
check test "$status" = 4
check grep -q "truncated at seq $((newest - 2)):" "$work/out"

cp -r "$base" "$work/keyless"
rm "$work/keyless/audit.key"
verify "$work/keyless"
check test "$status" = 1
check test ! -e "$work/keyless/audit.key"  # verify never makes a new key

# The help names the exit codes.
"$civic" audit verify --help >"$work/help"
check grep -q "3 tampered" "$work/help"
check grep -q "4 truncated" "$work/help"

echo "audit commands: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
