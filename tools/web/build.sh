#!/usr/bin/env bash
# Makes the two heavy front-end files the phone downloads small (issue 19, the first-visit budget of 60 KB):
#  - wwwroot/lib/bootstrap/bootstrap.min.css: Bootstrap 5.3.9 (tools/web/source) keeping only the rules whose classes
#    the app's pages, page models and scripts name (PurgeCSS); classes built at run time ("bg-" + a status) are kept
#    by the safelist below. BootstrapTrimTests fails when a page names a Bootstrap class this file lost: run this again.
#  - wwwroot/lib/noto-sans-khmer/noto-sans-khmer-400.woff2: Noto Sans Khmer (fontsource 5.3.0) cut to the Khmer
#    block, the joiners and the dotted circle, every layout feature kept (Khmer needs them to shape its clusters),
#    hinting and glyph names dropped. Latin text uses the phone's own font. One weight only: the browser draws bold
#    from it (decision 0023), which saves 17 KB on every first visit.
# Needs: node and npm (PurgeCSS is installed under tools/web/node_modules), python3-fonttools (apt-get install -y
# python3-fonttools python3-brotli). Run from anywhere: tools/web/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$here/../../src/VillageHive"

if [ ! -x "$here/node_modules/.bin/purgecss" ]; then
    (cd "$here" && npm install --no-save --no-audit --no-fund purgecss@6.0.0 >/dev/null)
fi
cd "$app"
mkdir -p "$here/out"
"$here/node_modules/.bin/purgecss" --config "$here/purgecss.config.cjs" --output "$here/out/" >/dev/null
{
    echo "/* Bootstrap v5.3.9 (https://getbootstrap.com/), MIT licence (LICENSE beside this file); trimmed by tools/web/build.sh to the classes the Hive uses. */"
    cat "$here/out/bootstrap.min.css"
} > wwwroot/lib/bootstrap/bootstrap.min.css
rm -rf "$here/out"

/usr/bin/python3 -m fontTools.subset "$here/source/noto-sans-khmer-khmer-400-normal.woff2" \
    --unicodes="U+1780-17FF,U+200B-200D,U+25CC" --layout-features='*' --no-hinting \
    --desubroutinize --drop-tables+=STAT --name-IDs='0,1,2,3,4,5,6' --flavor=woff2 \
    --output-file="wwwroot/lib/noto-sans-khmer/noto-sans-khmer-400.woff2"
ls -l wwwroot/lib/bootstrap/bootstrap.min.css wwwroot/lib/noto-sans-khmer/*.woff2
