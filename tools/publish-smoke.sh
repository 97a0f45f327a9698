#!/usr/bin/env bash
# The published linux-x64 executable without .NET: publish it, run it with PATH cleared of dotnet and DOTNET_ROOT unset
# (env -i) on a new data folder with the demo seed, fetch the sign-in page and its CSS, take a backup and verify it.
#   tools/publish-smoke.sh              publish first (./publish.sh linux-x64), then run
#   tools/publish-smoke.sh --no-publish run the executable already in publish/linux-x64/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
started=$(date +%s)
if [ "${1:-}" != "--no-publish" ]; then
    "$root/publish.sh" linux-x64
fi
published=$(date +%s)
exe="$root/publish/linux-x64/VillageHive"
[ -x "$exe" ] || { echo "No executable at $exe: run ./publish.sh linux-x64" >&2; exit 1; }

work="$(mktemp -d /tmp/hive-smoke-XXXXXX)"
bin="$work/bin"
mkdir -p "$bin" "$work/data"
# The only programs on PATH: these few tools, none of them dotnet.
for tool in curl grep sleep cat kill ls; do ln -s "$(command -v "$tool")" "$bin/$tool"; done
port=$((20000 + RANDOM % 20000))
run() {
    env -i HOME="$work" PATH="$bin" LANG=C.UTF-8 \
        Hive__DataDirectory="$work/data" Seed__Demo=true Seed__DemoPassword=smoke-demo-2026 \
        Security__RequireHttps=false Backup__Daily=false "$@"
}
cleanup() {
    [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== the app runs with PATH=$bin ($(ls "$bin" | tr '\n' ' ')), no DOTNET_ROOT, nothing else in its environment"
[ ! -e "$bin/dotnet" ]
cd "$work"   # not the executable's folder: it must find its wwwroot by itself
run "$exe" --urls "http://127.0.0.1:$port" > "$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    if curl -fsS -o "$work/login.html" "http://127.0.0.1:$port/Account/Login" 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; echo "The app exited" >&2; exit 1; }
    sleep 0.5
done
serving=$(date +%s)
echo "== start-up output"
grep -E "Village Hive|Data folder|Database:|Backups:|Last backup|Phones open" "$work/app.log"
grep -q 'name="Input.Password"' "$work/login.html" || { echo "The sign-in page has no password field" >&2; exit 1; }
css=$(grep -o 'href="/css/site.css[^"]*"' "$work/login.html" | head -1 | sed 's/href="//; s/"$//; s/&amp;/\&/g')
[ -n "$css" ] || { echo "The sign-in page links no site.css" >&2; exit 1; }
code=$(curl -s -o "$work/site.css" -w '%{http_code}' "http://127.0.0.1:$port$css")
[ "$code" = 200 ] && [ -s "$work/site.css" ] || { echo "GET $css answered $code" >&2; exit 1; }
echo "== sign-in page served ($(wc -c < "$work/login.html") bytes), $css served ($(wc -c < "$work/site.css") bytes)"

echo "== backup while the app serves"
run "$exe" backup --to "$work/backups"
file=$(ls "$work"/backups/*.hivebackup)
echo "== verify"
run "$exe" backup --verify "$file"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done_at=$(date +%s)
echo "== passed: publish $((published - started)) s, start to serving $((serving - published)) s, backup and verify $((done_at - serving)) s, total $((done_at - started)) s"
