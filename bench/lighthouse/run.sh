#!/usr/bin/env bash
# Lighthouse (mobile preset, default simulated throttling) on the pages issue 19 names: login, home, referral form and
# a case page, against an app already running with the demo (e.g. `cd src/VillageHive && ASPNETCORE_ENVIRONMENT=
# Development dotnet run --urls http://127.0.0.1:5095`). Prints a Markdown table.
# Needs: npm install lighthouse@12 in $LH_DIR (default /tmp/lh), playwright-core in $PW_DIR (default the same),
# Chromium at /usr/bin/chromium.
# usage: bench/lighthouse/run.sh [base] [case path]
set -euo pipefail
base="${1:-http://127.0.0.1:5095}"
case_path="${2:-/Cases/2}"
lh="${LH_DIR:-/tmp/lh}"
pw="${PW_DIR:-$lh}"  # where playwright-core is installed
out="$(mktemp -d)"
here="$(cd "$(dirname "$0")" && pwd)"
cookie="$(NODE_PATH="$pw/node_modules" node "$here/sign-in-cookie.js" "$base" ouchar.vbsw1)"
echo "| page | performance | accessibility | FCP | LCP | TBT | CLS |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for path in /Account/Login / /Referrals/New "$case_path"; do
    headers='{}'
    [ "$path" != /Account/Login ] && headers="{\"Cookie\":\"$cookie\"}"
    CHROME_PATH=/usr/bin/chromium "$lh/node_modules/.bin/lighthouse" "$base$path" --quiet \
        --only-categories=performance,accessibility --chrome-flags="--headless=new --no-sandbox" \
        --extra-headers="$headers" --output=json --output-path="$out/r.json" >/dev/null 2>&1
    node -e '
      const j = require(process.argv[1]); const a = j.audits; const c = j.categories;
      console.log(`| ${process.argv[2]} | ${Math.round(c.performance.score * 100)} | ${Math.round(c.accessibility.score * 100)} | ${a["first-contentful-paint"].displayValue} | ${a["largest-contentful-paint"].displayValue} | ${a["total-blocking-time"].displayValue} | ${a["cumulative-layout-shift"].displayValue} |`);
    ' "$out/r.json" "$path"
done
rm -rf "$out"
