#!/usr/bin/env bash
# Runs the quick demo, writes its HTML report and screenshots it with headless Chromium, as a visual check that the
# page renders on its own (no network: the report has no external script, style or font).
#   examples/transfers/scripts/screenshot-report.sh [OUT_DIR]       (default: examples/transfers/target/report)
# Needs Java 17, Maven and chromium / chromium-browser / google-chrome on the PATH (or CHROME=/path/to/chrome).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/target/report}"
mkdir -p "$out"
chrome="${CHROME:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [[ -z "$chrome" ]]; then
  echo "screenshot-report: no chromium found; install it or set CHROME=/path/to/chrome" >&2
  exit 2
fi
cd "$here"
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >/dev/null 2>&1 \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt"
[[ -d target/classes ]] || mvn -B -q compile
java -cp "target/classes:$(cat "$out/classpath.txt")" io.upsilon.examples.transfers.Demo --quick \
  --json "$out/demo.json" --html "$out/demo.html"
"$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1150,1400 \
  --screenshot="$out/demo.png" "file://$out/demo.html"
test -s "$out/demo.png"
echo "screenshot: $out/demo.png"
