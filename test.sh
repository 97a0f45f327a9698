#!/usr/bin/env bash
# Runs every test (unit, integration on SQLite and PostgreSQL, browser) after installing and starting what
# they need: PostgreSQL, Chromium and poppler-utils from Debian's packages, a test user on the local PostgreSQL server,
# and s3rver (an S3-compatible server from npm, tools/s3rver) for the tests of the S3 attachment store.
# Ends with the line "N passed, N failed, N skipped" summed from the test results.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# pdftoppm (poppler-utils): the forms browser test turns each PDF page into an image to be looked at.
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# node and npm: the API test validates /openapi/v1.json with @readme/openapi-parser (tools/openapi).
command -v npm >/dev/null 2>&1 || missing+=(npm)
# certutil (libnss3-tools): the LAN phone test trusts the Hive's own certificate authority in the browser profile.
command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    sudo_ apt-get update -q
    sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" </dev/null
fi

if [ ! -d tools/openapi/node_modules/@readme/openapi-parser ]; then
    echo "== installing the OpenAPI validator (tools/openapi)"
    (cd tools/openapi && npm install --no-audit --no-fund --loglevel=error </dev/null)
fi

if [ ! -d tools/s3rver/node_modules/s3rver ]; then
    echo "== installing s3rver (tools/s3rver)"
    (cd tools/s3rver && npm install --no-audit --no-fund --loglevel=error </dev/null)
fi

# The S3 attachment store's tests run against s3rver on this port, with its data in a temporary folder; stopped at exit.
s3_port=${HIVE_TEST_S3_PORT:-4569}
echo "== starting s3rver on 127.0.0.1:$s3_port"
s3_data=$(mktemp -d)
node tools/s3rver/node_modules/s3rver/bin/s3rver.js -d "$s3_data" -a 127.0.0.1 -p "$s3_port" --silent --no-vhost-buckets &
s3_pid=$!
trap 'kill "$s3_pid" 2>/dev/null || true; rm -rf "$s3_data"' EXIT
for _ in $(seq 1 30); do
    (exec 3<>"/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null && break
    sleep 1
done
export HIVE_TEST_S3="http://127.0.0.1:$s3_port"

echo "== starting PostgreSQL"
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    sudo_ pg_createcluster "$version" main
fi
sudo_ pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
done
pg_isready -h 127.0.0.1
psql_() { sudo_ su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(psql_ "select 1 from pg_roles where rolname='hive_test'")" != "1" ]; then
    psql_ "create user hive_test with password 'hive_test' createdb"
fi
export HIVE_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=hive_test;Password=hive_test;Database=postgres"

echo "== running the tests"
results=$(mktemp -d)
status=0
# One project after the other: the browser tests start their own server and Chromium, and on a 2-core machine
# they time out when the integration tests load both cores at the same time.
timings=()
# Runs a step and keeps how long it took, for the summary at the end.
timed() {
    local name=$1; shift
    local start=$SECONDS
    "$@" || status=$?
    timings+=("$(printf '%-28s %4d s' "$name" $((SECONDS - start)))")
}
timed build dotnet build VillageHive.slnx -v q -nologo
if [ "$status" -ne 0 ]; then echo "0 passed, 1 failed (the build failed)"; exit 1; fi
timed VillageHive.Tests dotnet test tests/VillageHive.Tests --no-build --logger "trx" --results-directory "$results" "$@"
# The slow-3G page measurement is run by hand (its command is in the README), not counted as a skipped test here.
timed VillageHive.BrowserTests dotnet test tests/VillageHive.BrowserTests --no-build --logger "trx" --results-directory "$results" \
    --filter "FullyQualifiedName!~CapturePagesBench" "$@"
# The public DCI Social Registry conformance suite against the app (tools/dci/conformance.sh, about a minute once its
# npm packages are installed): all 28 scenarios must pass, else the run fails.
before=$status; status=0
timed DCI-conformance tools/dci/conformance.sh --no-build
dci_status=$status
[ "$before" -ne 0 ] && status=$before
echo "== time taken"
printf '%s\n' "${timings[@]}"

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    skipped=$((skipped + $(get notExecuted)))
done
# The conformance run counts as one test.
if [ "$dci_status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then status=1; echo "No test passed: something is wrong with the run."; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
