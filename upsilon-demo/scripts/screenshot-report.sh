#!/usr/bin/env bash
# Runs the quick demo, writes its HTML report and screenshots it with headless Chromium, as a visual check that the
# page renders on its own (no network: the report has no external script, style or font).
#   upsilon-demo/scripts/screenshot-report.sh [OUT_DIR]       (default: upsilon-demo/target/report)
#   upsilon-demo/scripts/screenshot-report.sh REPORT.html     (screenshot an existing report: REPORT.png)
# Needs Java 17, Maven and chromium / chromium-browser / google-chrome on the PATH (or CHROME=/path/to/chrome).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/target/report}"
chrome="${CHROME:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [[ -z "$chrome" ]]; then
  echo "screenshot-report: no chromium found; install it or set CHROME=/path/to/chrome" >&2
  exit 2
fi
shot() {
  "$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1150,1400 \
    --screenshot="$2" "file://$1" 2>/dev/null
  test -s "$2"
  echo "screenshot: $2"
}
if [[ "${1:-}" == *.html && -f "$1" ]]; then
  report="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  shot "$report" "${report%.html}.png"
  exit 0
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$here"
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >/dev/null 2>&1 \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt"
[[ -d target/classes ]] || mvn -B -q compile
java -cp "target/classes:$(cat "$out/classpath.txt")" io.upsilon.cli.Main demo --quick --json \
  --report "$out/demo.html" > "$out/demo.json"
shot "$out/demo.html" "$out/demo.png"
