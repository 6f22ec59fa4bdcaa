#!/usr/bin/env bash
# The Debian package (issue 21): `debian/rules binary` builds it from this tree's build; lintian finds no
# error; its contents are where Debian policy and the unit say (binary, web UI, OpenAPI document, systemd
# unit, /etc/civic/civic.toml as a conffile); then, unpacked into a scratch root (no dpkg -i on the test
# machine), `civic config check` accepts the shipped file, `civic serve --config` starts from the
# installed paths (the environment moves the port, data and paths into the scratch root: env > file), and
# /metrics counters move after requests (HTTP, transactions, scoring cache reload then hit); /api/ready answers
# ready; the JSON log names the signed-in user and the route, and holds no password.
# usage: deb_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1; build=$2
work=$(mktemp -d); server=
installed=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  [ -n "$installed" ] && dpkg -P civic >/dev/null 2>&1  # a failed round trip leaves nothing installed
  rm -rf "$work"
}
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
curl -s -o /dev/null -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"username\":\"office\",\"password\":\"$password\"}" "$base/api/auth/login"
# Two reads of one period's scores: the first loads it (a reload), the second is a cache hit.
for _ in 1 2; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "$base/api/scores?unit=QC&period=2026H1")" = 200 ] ||
    fail "GET /api/scores as office did not answer 200"
done
curl -sf -H "Authorization: Bearer metrics-token-for-test" "$base/metrics" >"$work/metrics2.txt"
sample() { awk -v k="$1" 'index($0, k " ") == 1 {print $2}' "$work/metrics2.txt" | head -1; }
[ "$(sample 'civic_scoring_cache_reads_total{result="reload"}')" -ge 1 ] 2>/dev/null ||
  fail "no scoring reload counted: $(grep civic_scoring "$work/metrics2.txt")"
[ "$(sample 'civic_scoring_cache_reads_total{result="hit"}')" -ge 1 ] 2>/dev/null ||
  fail "no scoring cache hit counted: $(grep civic_scoring "$work/metrics2.txt")"
[ "$(sample 'civic_db_transactions_total{outcome="commit"}')" -ge 1 ] 2>/dev/null ||
  fail "no committed transaction counted (the sign-in writes a session)"
for family in civic_scoring_reload_seconds_total civic_push_delivery_attempts_total; do
  grep -q "^$family" "$work/metrics2.txt" || fail "/metrics lacks $family"
done
kill "$server"; wait "$server" 2>/dev/null || true; server=
[ -n "$password" ] || fail "the demo password was not found"
! grep -q -- "$password" "$work/serve.log" || fail "the log holds the password"
! grep -q -- "metrics-token-for-test" "$work/serve.log" || fail "the log holds the metrics token"
python3 - "$work/serve.log" <<'PY' || fail "the log is not JSON lines"
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert lines, "no log lines"
access = signed_in = anonymous = 0
for l in lines:
    o = json.loads(l)
    assert "time" in o and "level" in o, l
    access += "request_id" in o and "status" in o and "duration_ms" in o
    if o.get("route") == "/api/scores":
        signed_in += o.get("user_id") is not None and o.get("status") == 200
    if o.get("route") == "/api/health":
        anonymous += o.get("user_id") is None
assert access >= 5, f"only {access} access lines"
assert signed_in == 2, f"{signed_in} access lines of /api/scores name the signed-in user"
assert anonymous >= 3, f"{anonymous} access lines of /api/health without a user"
PY

# A real install, remove and purge round trip (Debian policy: remove keeps data and configuration, purge keeps
# nothing). It changes the machine, so it runs only as root (CI and this project's machines) and only when
# no civic package is installed already; the maintainer scripts run as dpkg runs them (systemctl is absent
# or not running here, so deb-systemd-helper only links the unit; systemd-analyze verified it above).
if [ "$(id -u)" != 0 ]; then
  echo "deb_package: not root, the dpkg install/remove/purge round trip was not run" >&2
elif dpkg -s civic >/dev/null 2>&1; then
  fail "a civic package is installed on this machine already; refusing to remove it for the round trip"
else
  installed=1
  dpkg -i "$deb" >"$work/dpkg-install.txt" 2>&1 || fail "dpkg -i failed: $(cat "$work/dpkg-install.txt")"
  getent passwd civic >/dev/null || fail "installing did not create the civic system user"
  [ "$(stat -c '%U %a' /var/lib/civic)" = "civic 750" ] || fail "/var/lib/civic: $(stat -c '%U %a' /var/lib/civic)"
  [ "$(stat -c '%G %a' /etc/civic/civic.toml)" = "civic 640" ] || fail "civic.toml: $(stat -c '%G %a' /etc/civic/civic.toml)"
  runuser -u civic -- /usr/bin/civic init --data /var/lib/civic >"$work/installed-init.txt" 2>&1 ||
    fail "civic init as the civic user failed: $(cat "$work/installed-init.txt")"
  runuser -u civic -- /usr/bin/civic config check /etc/civic/civic.toml >/dev/null ||
    fail "config check of the installed /etc/civic/civic.toml failed"
  env -u CIVIC_DATA_DIR -u CIVIC_WEB_DIR -u CIVIC_OPENAPI CIVIC_PORT=0 \
    runuser -u civic -- /usr/bin/civic serve --config /etc/civic/civic.toml >"$work/installed-serve.log" 2>&1 &
  server=$!
  port=
  for _ in $(seq 1 200); do
    port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/installed-serve.log" | head -1 | grep -oE '[0-9]+$' || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || fail "the installed civic did not serve: $(cat "$work/installed-serve.log")"
  grep -q '"status":"ready"' <<<"$(curl -s "http://127.0.0.1:$port/api/ready")" || fail "the installed civic is not ready"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ] ||
    fail "the installed civic does not serve /usr/share/civic/web"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  dpkg -r civic >"$work/dpkg-remove.txt" 2>&1 || fail "dpkg -r failed: $(cat "$work/dpkg-remove.txt")"
  [ ! -e /usr/bin/civic ] || fail "remove left /usr/bin/civic"
  [ -f /var/lib/civic/civic.db ] || fail "remove deleted the data (policy: remove keeps it)"
  [ -f /etc/civic/civic.toml ] || fail "remove deleted the configuration"
  getent passwd civic >/dev/null || fail "remove deleted the civic user"
  dpkg -P civic >"$work/dpkg-purge.txt" 2>&1 || fail "dpkg -P failed: $(cat "$work/dpkg-purge.txt")"
  [ ! -e /var/lib/civic ] || fail "purge left /var/lib/civic"
  [ ! -e /etc/civic ] || fail "purge left /etc/civic"
  ! getent passwd civic >/dev/null || fail "purge left the civic user"
  installed=
  echo "deb_package: dpkg install, init and serve as the civic user, remove (data kept), purge (nothing left): ok"
fi
echo "deb_package: package, lintian, contents, config check, serve from the installed paths and /metrics: ok"
