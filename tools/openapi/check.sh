#!/usr/bin/env bash
# Validates the running app's OpenAPI document: tools/openapi/check.sh [BASE_URL] (default http://127.0.0.1:5092).
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/@readme/openapi-parser ] || npm install --no-audit --no-fund >/dev/null
node validate.mjs "${1:-http://127.0.0.1:5092}/openapi/v1.json"
