#!/bin/sh
# Rebuilds the newsroom's rich-text editor into src/Visnyk/wwwroot from the pinned npm packages.
# Node is needed only here: the site serves the built files and never runs Node.
# Usage: tools/editor/build.sh [OUTPUT]   (OUTPUT: another folder to build into, with js/ and css/;
# test.sh builds into a temporary one and compares it with the committed files)
set -eu
cd "$(dirname "$0")"
wwwroot=${1:-../../src/Visnyk/wwwroot}
mkdir -p "$wwwroot/js" "$wwwroot/css"
esbuild=./node_modules/.bin/esbuild

npm ci --no-audit --no-fund

# An IIFE rather than a module: loaded by a plain <script defer>, it leaks no globals.
# es2020 covers every browser the newsroom uses.
$esbuild src/editor.js --bundle --format=iife --minify --target=es2020 --legal-comments=none \
  --metafile=node_modules/.editor-meta.json \
  --banner:js="/*! Visnyk newsroom editor: Tiptap and ProseMirror (MIT); licences in editor.licenses.txt, source in tools/editor */" \
  --outfile="$wwwroot/js/editor.js"
$esbuild src/editor.css --bundle --minify --outfile="$wwwroot/css/editor.css"
node licenses.mjs node_modules/.editor-meta.json > "$wwwroot/js/editor.licenses.txt"

for file in "$wwwroot/js/editor.js" "$wwwroot/css/editor.css"; do
  echo "$file: $(wc -c < "$file") bytes, $(gzip -9c "$file" | wc -c) gzipped"
done
