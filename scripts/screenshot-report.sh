#!/usr/bin/env bash
# The documented check of the demo report: renders upsilon-demo-report.html in headless Chromium (Debian package
# 'chromium') and writes a PNG to look at. Not part of 'mvn verify'. Usage: scripts/screenshot-report.sh [REPORT.html]
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/upsilon-demo/scripts/screenshot-report.sh" "$@"
