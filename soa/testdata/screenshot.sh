#!/bin/sh
# Screenshot an HTML rendering of a statement of applicability in headless
# Chromium, to check that the page renders and reads well.
#
#   soa/testdata/screenshot.sh [page.html] [out.png]
#
# Defaults: soa/testdata/plc7-a11.html -> $TMPDIR/plc7-a11.png. Needs Debian's
# chromium package (apt-get install -y chromium). TestHTMLScreenshot runs this
# script when chromium is on PATH and checks that the PNG is not blank.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
page=${1:-$dir/plc7-a11.html}
out=${2:-${TMPDIR:-/tmp}/plc7-a11.png}
case $page in /*) ;; *) page=$(pwd)/$page ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run \
	--user-data-dir="$profile" --screenshot="$out" --window-size=1280,2000 \
	"file://$page" >/dev/null 2>&1
test -s "$out"
echo "$out"
