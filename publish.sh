#!/usr/bin/env bash
# Self-contained single-file builds of Village Hive: no .NET needed on the commune's machine.
#   ./publish.sh                 linux-x64, linux-arm64 and win-x64 into publish/<rid>/
#   ./publish.sh linux-x64       only the runtimes named
# Each publish/<rid>/ holds the executable (VillageHive or VillageHive.exe), wwwroot/ and the settings files; copy the
# whole folder. See docs/operations.md for running it as a service, the data folder and backups.
set -euo pipefail
cd "$(dirname "$0")"
rids=("$@")
[ ${#rids[@]} -eq 0 ] && rids=(linux-x64 linux-arm64 win-x64)
failed=()
for rid in "${rids[@]}"; do
    out="publish/$rid"
    rm -rf "$out"
    echo "== $rid -> $out"
    if dotnet publish src/VillageHive -c Release -r "$rid" --self-contained true \
        -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded \
        -o "$out"; then
        # Development settings are not for a commune's machine.
        rm -f "$out/appsettings.Development.json" "$out/VillageHive.xml"
        ls -l "$out" | grep -E 'VillageHive(\.exe)?$' || true
    else
        echo "!! $rid did not publish (see the messages above: a runtime pack the package source does not serve?)" >&2
        failed+=("$rid")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "Not published: ${failed[*]}" >&2
    exit 1
fi
