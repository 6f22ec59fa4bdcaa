#!/usr/bin/env bash
# The Debian package (issue 21): `debian/rules binary` builds it from this tree's build; lintian finds no
# error; its contents are where Debian policy and the unit say (binary, web UI, OpenAPI document, systemd
# unit, /etc/civic/civic.toml as a conffile); then, unpacked into a scratch root (no dpkg -i on the test
# machine), `civic config check` accepts the shipped file, `civic serve --config` starts from the
# installed paths (the environment moves the port, data and paths into the scratch root: env > file), and
# /metrics counters move after requests; /api/ready answers ready; the JSON log holds no password.
# usage: deb_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1; build=$2
work=$(mktemp -d); server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in dh dpkg-deb lintian curl; do
  command -v "$tool" >/dev/null || fail "$tool missing (debhelper, dpkg-dev, lintian, curl; scripts/install-deps)"
done
[ -f "$src/web/dist/index.html" ] || fail "web/dist is not built (scripts/build-web)"

cd "$src"
debian/rules binary BUILD="$build" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; fail "debian/rules binary"; }
deb=$(ls -t "$build"/deb/civic_*.deb | head -1)
[ -f "$deb" ] || fail "no package in $build/deb"
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"

# lintian: no error and, on the package as built here, no warning either (overrides would be in
# debian/civic.lintian-overrides, each explained).
lintian --fail-on error "$deb" >"$work/lintian.txt" 2>&1 ||
  { cat "$work/lintian.txt" >&2; fail "lintian found errors"; }
warnings=$(grep -c '^W:' "$work/lintian.txt" || true)
[ "$warnings" = 0 ] || { cat "$work/lintian.txt" >&2; fail "lintian warnings"; }
echo "lintian: clean"

dpkg-deb -c "$deb" >"$work/contents.txt"
for path in ./usr/bin/civic ./usr/share/civic/web/index.html ./usr/share/civic/openapi.yaml \
            ./etc/civic/civic.toml ./lib/systemd/system/civic.service ./usr/share/doc/civic/copyright \
            ./lib/systemd/system/civic-backup.service ./lib/systemd/system/civic-backup.timer \
            ./usr/share/man/man1/civic.1.gz; do
  grep -q " $path\$" "$work/contents.txt" || fail "the package lacks $path"
done
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/civic/civic.toml "$work/control/conffiles" || fail "/etc/civic/civic.toml is not a conffile"
grep -q "adduser --system" "$work/control/postinst" || fail "postinst does not create the civic user"
grep -q 'purge' "$work/control/postrm" || fail "postrm does not handle purge"
root="$work/root"
dpkg-deb -x "$deb" "$root"
unit="$root/lib/systemd/system/civic.service"
for setting in User=civic StateDirectory=civic ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes \
               Restart=on-failure "ExecStart=/usr/bin/civic serve --config /etc/civic/civic.toml"; do
  grep -qx "$setting" "$unit" || fail "civic.service lacks $setting"
done
if command -v systemd-analyze >/dev/null; then
  # Checks the unit's syntax (it names /usr/bin/civic, which exists only once installed: that one message is
  # expected in a scratch root).
  systemd-analyze verify "$unit" 2>&1 | grep -v -e "/usr/bin/civic" -e "^$" >"$work/verify.txt" || true
  [ ! -s "$work/verify.txt" ] || { cat "$work/verify.txt" >&2; fail "systemd-analyze verify"; }
fi

civic="$root/usr/bin/civic"
conf="$root/etc/civic/civic.toml"
"$civic" config check "$conf" >"$work/check.txt" || { cat "$work/check.txt" >&2; fail "config check of the shipped file"; }
grep -q '^server.port = "8080"  # file' "$work/check.txt" || fail "config check did not read the port: $(cat "$work/check.txt")"
printf '[server]\nport = 8080\nwebb = 1\n' >"$work/bad.toml"
if "$civic" config check "$work/bad.toml" >"$work/bad.txt" 2>&1; then fail "an unknown key was accepted"; fi
grep -q "bad.toml:3: unknown key 'server.webb'" "$work/bad.txt" || fail "the unknown key is not named with its line: $(cat "$work/bad.txt")"
CIVIC_PORT=9999 "$civic" config check "$conf" | grep -q '^server.port = "9999"  # environment CIVIC_PORT' ||
  fail "the environment does not override the file"
CIVIC_METRICS_TOKEN=s3cret "$civic" config check "$conf" | grep -q '^metrics.token = "\*\*\*"  # environment' ||
  fail "config check does not mask the metrics token or name its source"

# Serve from the installed paths; the environment points the port, data directory and paths into the root.
data="$work/data"
init_out=$("$civic" init --demo --data "$data")
export CIVIC_PORT=0 CIVIC_DATA_DIR="$data" CIVIC_WEB_DIR="$root/usr/share/civic/web" \
       CIVIC_OPENAPI="$root/usr/share/civic/openapi.yaml" CIVIC_METRICS_TOKEN=metrics-token-for-test \
       CIVIC_SECURE_COOKIES=false
"$civic" serve --config "$conf" >"$work/serve.log" 2>&1 &
server=$!
port=
for _ in $(seq 1 200); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -1 | grep -oE '[0-9]+$' || true)
  [ -n "$port" ] && break; sleep 0.1
done
[ -n "$port" ] || fail "serve printed no address: $(cat "$work/serve.log")"
base="http://127.0.0.1:$port"
count() {  # civic_http_requests_total for GET /api/health 200
  curl -sf -H "Authorization: Bearer metrics-token-for-test" "$base/metrics" |
    awk '/^civic_http_requests_total\{method="GET",route="\/api\/health",status="200"\}/ {print $2}' | head -1
}
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/metrics")" = 401 ] || fail "/metrics answered without the token"
before=$(count); before=${before:-0}
for _ in 1 2 3; do curl -sf "$base/api/health" >/dev/null; done
after=$(count)
[ "${after:-0}" = $((before + 3)) ] || fail "the health counter went from $before to ${after:-none}, not +3"
curl -sf -H "Authorization: Bearer metrics-token-for-test" "$base/metrics" >"$work/metrics.txt"
for family in civic_http_request_duration_seconds_bucket civic_http_requests_in_flight civic_db_pool_connections \
              civic_job_runs_total process_resident_memory_bytes process_open_fds; do
  grep -q "^$family" "$work/metrics.txt" || fail "/metrics lacks $family"
done
ready=$(curl -s "$base/api/ready")
grep -q '"status":"ready"' <<<"$ready" || fail "/api/ready: $ready"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/")" = 200 ] || fail "the web UI is not served from the package"
# A sign-in with the demo password, then: the log is JSON lines and holds neither the password nor a token.
password=$(grep -oE 'password [^)]+' <<<"$init_out" | head -1 | cut -d' ' -f2)
curl -s -o /dev/null -H 'Content-Type: application/json' -d "{\"username\":\"office\",\"password\":\"$password\"}" \
  "$base/api/auth/login"
kill "$server"; wait "$server" 2>/dev/null || true; server=
[ -n "$password" ] || fail "the demo password was not found"
! grep -q -- "$password" "$work/serve.log" || fail "the log holds the password"
! grep -q -- "metrics-token-for-test" "$work/serve.log" || fail "the log holds the metrics token"
python3 - "$work/serve.log" <<'PY' || fail "the log is not JSON lines"
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert lines, "no log lines"
access = 0
for l in lines:
    o = json.loads(l)
    assert "time" in o and "level" in o, l
    access += "request_id" in o and "status" in o and "duration_ms" in o
assert access >= 5, f"only {access} access lines"
PY
echo "deb_package: package, lintian, contents, config check, serve from the installed paths and /metrics: ok"
