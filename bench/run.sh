#!/usr/bin/env bash
# Benchmark of Village Hive at a scale on a provider:
#   bench/run.sh <commune|district|national> <sqlite|postgres> [users] [seconds per page]
# Builds Release, makes a fresh database (PostgreSQL: hive_bench_<scale>, dropped at the end unless KEEP_DB=1),
# seeds it with `seed --scale` (timed), starts the app on 127.0.0.1 without the demo seed, two-step sign-in off and
# the SQL-count header on, runs the load driver (bench/VillageHive.Bench) and writes
# bench/results/<date>-<scale>-<provider>.md. The same run measures the machine's ceiling (a bare Kestrel page in a
# process of its own, a trivial indexed query through each driver) and the app's CPU time per request, and records the
# CPU, runtime and database settings, so that results from two machines can be read side by side. Not part of CI: national scale takes the better part of an hour.
# PostgreSQL server and user: HIVE_BENCH_POSTGRES (default: the test user of ./test.sh); BENCH_DB names the database
# (default hive_bench_<scale>), so that two runs at once do not drop each other's.
# SEED_ONLY=1 seeds (and keeps) the database and stops; REUSE_DB=1 then loads it without seeding again, so that a
# national database seeded once serves the runs at 20 and 100 users. Results at other than 20 users get a suffix.
# Each page is loaded unmeasured for WARMUP seconds (default 20) first, so that the JIT has tiered its code up.
# ONLY=<text> loads only the pages whose name contains it (several: a|b) (while working on a page; its result gets a -only suffix).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:?scale: commune, district or national}
provider=${2:?provider: sqlite or postgres}
users=${3:-20}
seconds=${4:-15}
port=${BENCH_PORT:-5391}
password="bench-demo-passphrase"
out=bench/.out
mkdir -p "$out" bench/results
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 Logging__LogLevel__Default=Warning

echo "== building (Release)"
dotnet publish src/VillageHive -c Release -o "$out/app" -v quiet -nologo
dotnet build bench/VillageHive.Bench -c Release -o "$out/bench" -v quiet -nologo

server=${HIVE_BENCH_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=hive_test;Password=hive_test"}
pgfield() { tr ';' '\n' <<<"$server" | sed -n "s/^$1=//Ip" | head -1; }
psql_() { PGPASSWORD=$(pgfield Password) psql -h "$(pgfield Host)" -p "$(pgfield Port)" -U "$(pgfield Username)" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
case "$provider" in
    sqlite)
        file="$(pwd)/$out/hive_bench_$scale.db"
        [ "${REUSE_DB:-0}" = 1 ] || rm -f "$file" "$file-wal" "$file-shm"
        connection="Data Source=$file"
        provider_name=Sqlite ;;
    postgres)
        db="${BENCH_DB:-hive_bench_$scale}"
        if [ "${REUSE_DB:-0}" != 1 ]; then
            psql_ -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
            psql_ -c "CREATE DATABASE $db"
        fi
        # Loopback: TLS would only cost CPU (Debian's server offers it, and Npgsql takes it when offered).
        connection="$server;Database=$db;Maximum Pool Size=60;SSL Mode=Disable${BENCH_PG_EXTRA:-}"
        provider_name=Postgres ;;
    *) echo "provider must be sqlite or postgres" >&2; exit 2 ;;
esac

app_pid=""
ceiling_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    if [ -n "$ceiling_pid" ]; then kill "$ceiling_pid" 2>/dev/null || true; wait "$ceiling_pid" 2>/dev/null || true; fi
    if [ "$provider" = postgres ] && [ "${KEEP_DB:-0}" != 1 ] && [ "${SEED_ONLY:-0}" != 1 ] && [ "${REUSE_DB:-0}" != 1 ]; then psql_ -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; fi
}
trap cleanup EXIT

if [ "${REUSE_DB:-0}" = 1 ]; then
    echo "== reusing the $scale database seeded before"
    seed_seconds=$(cat "$out/seed-$scale-$provider.seconds")
else
    echo "== seeding $scale on $provider"
    start=$(date +%s.%N)
    (cd "$out/app" && dotnet VillageHive.dll seed --scale "$scale" --seed 1 --provider "$provider_name" --connection "$connection" \
        --demo-password "$password") | tee "$out/seed-$scale-$provider.log"
    seed_seconds=$(echo "$(date +%s.%N) - $start" | bc)
    echo "$seed_seconds" > "$out/seed-$scale-$provider.seconds"
fi
if [ "${SEED_ONLY:-0}" = 1 ]; then echo "== seeded in $(printf %.1f "$seed_seconds") s; kept for REUSE_DB=1"; exit 0; fi
if [ "$provider" = sqlite ]; then
    size="$(du -h "$file" | cut -f1) (SQLite file)"
else
    size="$(psql_ -c "SELECT pg_size_pretty(pg_database_size('$db'))") (pg_database_size)"
fi

echo "== starting the app on 127.0.0.1:$port"
start=$(date +%s.%N)
(cd "$out/app" && exec dotnet VillageHive.dll --urls "http://127.0.0.1:$port" --environment Production \
    --Database:Provider="$provider_name" --ConnectionStrings:Hive="$connection" --Seed:Demo=false \
    --Security:RequireHttps=false --Security:RequireTwoFactor=false --Diagnostics:SqlCommandHeader=true) > "$out/app-$scale-$provider.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/Account/Login" && break
    sleep 0.1
done
startup=$(echo "$(date +%s.%N) - $start" | bc)

# The machine's ceiling: a bare Kestrel page in its own process, with the app's GC mode and tiered PGO (its runtimeconfig).
ceiling_port=$((port + 1))
app_config="$out/app/VillageHive.runtimeconfig.json"
gc_server=0; grep -q '"System.GC.Server": true' "$app_config" && gc_server=1
pgo=1; grep -q '"System.Runtime.TieredPGO": false' "$app_config" && pgo=0
DOTNET_gcServer=$gc_server DOTNET_TieredPGO=$pgo dotnet "$out/bench/VillageHive.Bench.dll" ceiling --port "$ceiling_port" > "$out/ceiling.log" 2>&1 &
ceiling_pid=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$ceiling_port/" && break; sleep 0.1; done

suffix=""; [ "$users" = 20 ] || suffix="-${users}users"
[ -z "${ONLY:-}" ] || suffix="$suffix-only"
result="bench/results/$(date +%F)-$scale-$provider$suffix.md"
command="bench/run.sh $scale $provider $users $seconds"
[ "${REUSE_DB:-0}" = 1 ] && command="REUSE_DB=1 $command (database seeded before by SEED_ONLY=1 bench/run.sh $scale $provider)"
echo "== load: $users users, $seconds s a page"
status=0
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
dotnet "$out/bench/VillageHive.Bench.dll" --base "http://127.0.0.1:$port" --provider "$provider" --connection "$connection" \
    --password "$password" --users "$users" --seconds "$seconds" --warmup "${WARMUP:-20}" --out "$result" --scale "$scale" \
    --command "$command" --only "${ONLY:-}" --seed-seconds "$(printf %.1f "$seed_seconds")" --db-size "$size" \
    --app-pid "$app_pid" --app-dir "$out/app" --ceiling "http://127.0.0.1:$ceiling_port" --ceiling-pid "$ceiling_pid" \
    --pg-server "$server" || status=$?
{
    echo
    echo "- Start-up to first page (process start, no migration): $(printf %.2f "$startup") s"
    echo "- Load average (1, 5, 15 min) before the load: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores; it includes the load driver and app of this run, page after page)"
    echo
    echo "Seed output:"
    echo
    echo '```'
    grep -E '^(Seeding|Seeded|Dropped|  [A-Za-z]|  +[0-9.]+s  rebuilt)' "$out/seed-$scale-$provider.log" || true
    echo '```'
} >> "$result"
echo "== wrote $result"
exit $status
