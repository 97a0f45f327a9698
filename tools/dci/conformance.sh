#!/usr/bin/env bash
# Runs the public DCI Social Registry conformance suite (OpenSPP's spdci-compliance, Apache-2.0) against the app:
# starts it on a free port (demo seed, SQLite, a fresh data folder), makes a DCI API client with the CLI, takes a
# token, runs `npm run test:social` in a copy of the suite and prints the scenario counts. Exit status: the suite's.
#
#   tools/dci/conformance.sh            # builds first
#   tools/dci/conformance.sh --no-build # uses the last build
#
# Settings (environment): DCI_SUITE (the suite, default ../shared/interop/spdci-compliance beside the repository),
# DCI_SUITE_COPY (where the copy and its node_modules live, default ~/.cache/village-hive/spdci-compliance).
# The suite signs nothing (it sends the signature "unsigned-stub"): this run, and only this run, sets
# Dci:AcceptUnsignedPlaceholder=unsigned-stub; the real Ed25519 check is tested in tests/.../DciTests.cs (docs/interop.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
suite="${DCI_SUITE:-$root/../shared/interop/spdci-compliance}"
[ -d "$suite" ] || suite=/work/shared/interop/spdci-compliance
copy="${DCI_SUITE_COPY:-$HOME/.cache/village-hive/spdci-compliance}"
[ -f "$suite/package.json" ] || { echo "conformance: the suite is not at $suite (set DCI_SUITE)" >&2; exit 2; }

if [ "${1:-}" != "--no-build" ]; then
  dotnet build "$root/src/VillageHive" -c Debug --nologo -v q >/dev/null
fi
dll="$root/src/VillageHive/bin/Debug/net10.0/VillageHive.dll"
# Run from the project folder: its appsettings (Development: the demo seed) are found in the content root.
cd "$root/src/VillageHive"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"
callback_port="$(free_port)"
data="$(mktemp -d)"
log="$data/app.log"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Development
export Hive__DataDirectory="$data"
export Database__MigrateAtStartup=true
export Dci__AcceptUnsignedPlaceholder=unsigned-stub
export Dci__CallbackOrigins="http://127.0.0.1:$callback_port"
export Dci__PollSeconds=1
export Api__PermitsPerMinute=1000

dotnet "$dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
app_pid=$!
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/.well-known/jwks.json" 2>/dev/null; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "conformance: the app stopped:" >&2; tail -20 "$log" >&2; exit 2; fi
  sleep 1
done

# A DCI client: a senior social worker of Ou Char commune (it sees that commune's households, and only them).
made="$(dotnet "$dll" api-client create "dci-conformance" --role SeniorSocialWorker --area 020309)"
client_id="$(sed -n 's/^client_id: //p' <<<"$made")"
client_secret="$(sed -n 's/^client_secret: //p' <<<"$made")"
token="$(curl -fsS "http://127.0.0.1:$port/connect/token" -d grant_type=client_credentials \
  --data-urlencode "client_id=$client_id" --data-urlencode "client_secret=$client_secret" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"

# A copy of the suite (the shared folder stays untouched); npm install once, kept between runs.
mkdir -p "$copy"
if command -v rsync >/dev/null; then
  rsync -a --delete --exclude node_modules --exclude results "$suite/" "$copy/"
else
  find "$copy" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
  cp -R "$suite/." "$copy/"
  rm -rf "$copy/results"
fi
chmod -R u+w "$copy"
if [ ! -d "$copy/node_modules" ]; then (cd "$copy" && npm install --no-audit --no-fund >/dev/null); fi

set +e
(cd "$copy" && API_BASE_URL="http://127.0.0.1:$port/dci/" DCI_AUTH_TOKEN="$token" \
  CALLBACK_SERVER_ENABLED=true CALLBACK_SERVER_PORT="$callback_port" CALLBACK_WAIT_MS=20000 \
  npm run test:social 2>&1) | tee "$data/suite.log" | grep -E "^[0-9]+ scenarios|^[0-9]+ steps|^[0-9]+m|✖|Failures:|^[0-9]+\) Scenario" 
status=${PIPESTATUS[0]}
set -e
echo "DCI Social Registry conformance: $(grep -E '^[0-9]+ scenarios' "$data/suite.log" | tail -1)"
if [ "$status" -ne 0 ]; then
  echo "--- failures ---"
  sed -n '/^Failures:/,/^[0-9]* scenarios/p' "$data/suite.log" | head -200
fi
exit "$status"
