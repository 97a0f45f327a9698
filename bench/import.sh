#!/usr/bin/env bash
# Benchmark of the household import through the command line, on SQLite and PostgreSQL:
#   bench/import.sh [households]          (default 5000, about 25,000 persons)
# Builds Release, makes a fresh database per provider seeded with the demo commune (its villages are the file's),
# writes the file with bench/household-file.py and times, each as its own process: the dry run, the import, the
# same file again (nothing changes) and the file with one person changed. Writes
# bench/results/<date>-household-import.md. PostgreSQL server and user: HIVE_BENCH_POSTGRES (default: ./test.sh's).
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-5000}
out=bench/.out
mkdir -p "$out" bench/results
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 Logging__LogLevel__Default=Error

echo "== building (Release)"
dotnet publish src/VillageHive -c Release -o "$out/app" -v quiet -nologo
file="$out/households-$households.csv"
python3 bench/household-file.py "$households" > "$file"
changed="$out/households-$households-changed.csv"
# One child's age corrected: the updated file changes one person.
python3 - "$file" "$changed" <<'PY'
import sys
rows = open(sys.argv[1], encoding="utf-8-sig").read().split("\n")
for i, r in enumerate(rows):
    f = r.split(",")
    if len(f) > 9 and f[9] == "child" and f[8].isdigit():
        f[8] = str(int(f[8]) + 1); rows[i] = ",".join(f); break
open(sys.argv[2], "w", encoding="utf-8-sig").write("\n".join(rows))
PY
persons=$(($(wc -l < "$file") - 1))

server=${HIVE_BENCH_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=hive_test;Password=hive_test"}
pgfield() { tr ';' '\n' <<<"$server" | sed -n "s/^$1=//Ip" | head -1; }
psql_() { PGPASSWORD=$(pgfield Password) psql -h "$(pgfield Host)" -p "$(pgfield Port)" -U "$(pgfield Username)" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

results="$out/import-results.md"
: > "$results"
run() { # provider connection label args...
    local provider=$1 connection=$2 label=$3; shift 3
    local start end line
    start=$(date +%s.%N)
    line=$(dotnet "$out/app/VillageHive.dll" import households "$@" --commune 020309 --provider "$provider" --connection "$connection" 2>/dev/null | tail -1) || true
    end=$(date +%s.%N)
    printf '| %s | %s | %.1f | %s |\n' "$provider" "$label" "$(echo "$end - $start" | bc)" "$line" | tee -a "$results"
}

for provider in Sqlite Postgres; do
    echo "== $provider"
    if [ $provider = Sqlite ]; then
        db="$(pwd)/$out/hive_bench_import.db"; rm -f "$db" "$db-wal" "$db-shm"
        connection="Data Source=$db"
    else
        psql_ -c "DROP DATABASE IF EXISTS hive_bench_import WITH (FORCE)"; psql_ -c "CREATE DATABASE hive_bench_import"
        connection="$server;Database=hive_bench_import;SSL Mode=Disable"
    fi
    dotnet "$out/app/VillageHive.dll" seed --provider $provider --connection "$connection" --demo-password bench-demo-passphrase > /dev/null
    run $provider "$connection" "dry run" "$file" --dry-run
    run $provider "$connection" "import" "$file"
    run $provider "$connection" "same file again" "$file"
    run $provider "$connection" "one person changed" "$changed"
    [ $provider = Postgres ] && psql_ -c "DROP DATABASE IF EXISTS hive_bench_import WITH (FORCE)"
done

day=$(date -u +%Y-%m-%d)
{
    echo "# Benchmark: household import, $households households ($persons persons), $(date -u '+%Y-%m-%d %H:%M') UTC"
    echo
    echo "Command:"
    echo
    echo '```'
    echo "bench/import.sh $households"
    echo '```'
    echo
    echo "- Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB memory; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (shared with other work)"
    echo "- Release build; each step is its own process (\`VillageHive import households FILE --commune 020309\`) on a database"
    echo "  seeded with the demo commune (650 households); seconds are the whole process (start-up included), the"
    echo "  command's own line gives the import's time without start-up. Audit entries are written for every new row."
    echo
    echo "| database | step | seconds (process) | the command's summary |"
    echo "|---|---|---:|---|"
    cat "$results"
} > "bench/results/$day-household-import.md"
echo "Wrote bench/results/$day-household-import.md"
