#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-mime.sh MIME-PACKAGE-XML
#
# Builds a throw-away MIME database from the package file alone and checks that
# shared-mime-info read it as meant: *.easel files are Easel projects, and an Easel project
# is a kind of SQLite database. Any warning from update-mime-database fails the check.

set -eu

package="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/mime/packages"
cp "$package" "$tmp/mime/packages/io.github.easelstudio.Easel.xml"

# update-mime-database reports problems on stdout or stderr, and exits 0 for most of them.
# The database lives outside the search path on purpose; pointing XDG_DATA_HOME at it
# silences the notice that says so.
if ! XDG_DATA_HOME="$tmp" update-mime-database "$tmp/mime" >"$tmp/log" 2>&1; then
  cat "$tmp/log" >&2
  echo "update-mime-database failed on $package" >&2
  exit 1
fi
if [ -s "$tmp/log" ]; then
  cat "$tmp/log" >&2
  echo "update-mime-database warned about $package" >&2
  exit 1
fi

fail=0
expect ()
{
  if ! grep -qxF "$2" "$tmp/mime/$1"; then
    echo "missing from $1: $2" >&2
    fail=1
  fi
}

expect globs2 '50:application/x-easel-project:*.easel'
expect subclasses 'application/x-easel-project application/vnd.sqlite3'
expect icons 'application/x-easel-project:io.github.easelstudio.Easel'

if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "MIME package $package: ok"
