#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of the README:
#   tools/dev.sh run    install what is missing, build, open Easel on a sample project
#                       (with no display: say so and run the same job with easel-cli)
#   tools/dev.sh test   install what is missing, build, run the whole test suite
# Also: tools/dev.sh deps | build
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
builddir=${EASEL_BUILDDIR:-build}

# Debian 12 packages. Build: what meson needs to build the app, the CLI and the tests.
build_pkgs=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libopenblas-dev liblapacke-dev
  libsqlite3-dev libcairo2-dev libpango1.0-dev libgtk-4-dev libadwaita-1-dev
  desktop-file-utils appstream
)
# Run: a display server for machines without one, icons and fonts.
run_pkgs=(xvfb xauth dbus dbus-x11 at-spi2-core adwaita-icon-theme fonts-cantarell fonts-noto-cjk)
# Test: the accessibility bridge for UI tests, and the reference tools the numbers are
# checked against (test-time only: Easel itself never uses Python).
test_pkgs=(python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 python3-pandas python3-numpy python3-sklearn
           python3-xgboost imagemagick sqlite3 poppler-utils)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q '^installed$'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Installing ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

build() {
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" --werror
  fi
  ninja -C "$builddir"
}

has_display() {
  [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${DISPLAY:-}" ]
}

cmd=${1:-}
case "$cmd" in
  deps)
    install_missing "${build_pkgs[@]}" "${run_pkgs[@]}" "${test_pkgs[@]}"
    ;;
  build)
    install_missing "${build_pkgs[@]}"
    build
    ;;
  run)
    install_missing "${build_pkgs[@]}" "${run_pkgs[@]}"
    build
    sample="$here/data/samples/penguins.csv"
    if has_display; then
      exec "$builddir/src/ui/easel" "$sample"
    else
      echo "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set)."
      echo "Running the same job headless: easel-cli profile $sample"
      exec "$builddir/src/cli/easel-cli" profile "$sample"
    fi
    ;;
  test)
    install_missing "${build_pkgs[@]}" "${run_pkgs[@]}" "${test_pkgs[@]}"
    build
    rc=0
    # UI suites need a display and a session bus (for the accessibility tree); the
    # core suites ignore both.
    dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" \
      meson test -C "$builddir" --print-errorlogs --num-processes 2 || rc=$?
    python3 tools/test-summary.py "$builddir/meson-logs/testlog.json" || rc=1
    exit $rc
    ;;
  *)
    echo "usage: tools/dev.sh run|test|deps|build" >&2
    exit 2
    ;;
esac
