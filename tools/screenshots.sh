#!/usr/bin/env bash
# Remakes the README's pictures of the article page (docs/screenshot-article*.png) with headless
# Chromium, from the demo content. Not part of ./test.sh: a test run never rewrites tracked files.
# Needs what ./test.sh installs (Chromium); run it after a visible change, then commit the pictures.
# Usage: tools/screenshots.sh [folder, default docs]
set -euo pipefail
cd "$(dirname "$0")/.."
folder="$(realpath -m "${1:-docs}")"
dotnet build Visnyk.slnx -v q -nologo
VISNYK_TEST_DATABASE=sqlite VISNYK_SCREENSHOTS="$folder" \
  dotnet test Visnyk.slnx --no-build --filter "FullyQualifiedName~Browser.ScreenshotTests"
ls -l "$folder"/screenshot-article*.png
