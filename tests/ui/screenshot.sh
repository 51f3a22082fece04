#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of Easel at 1280x800, in light and dark style, for looking at the UI:
#   tests/ui/screenshot.sh OUTDIR [BUILDDIR]
# The welcome page and the data grid on penguins.csv, then the four sections of the Explore
# view on ames_housing.csv (which need a few more seconds: EASEL_SHOT_EXPLORE_DELAY).
# Needs Xvfb (xvfb-run), ImageMagick (import) and dbus-run-session. Each shot runs the
# real executable on its own X server with a fresh home, so nothing of the user's shows.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:?usage: $0 OUTDIR [BUILDDIR]}
builddir=${2:-$here/build}
exe=$builddir/src/ui/easel
delay=${EASEL_SHOT_DELAY:-4}
explore_delay=${EASEL_SHOT_EXPLORE_DELAY:-8}

[ -x "$exe" ] || { echo "$exe is not built" >&2; exit 1; }
for tool in xvfb-run import dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done

sample=$here/data/samples/penguins.csv
if [ ! -f "$sample" ] && [ -n "${EASEL_DATASETS_DIR:-}" ]; then
  sample=$EASEL_DATASETS_DIR/penguins.csv
fi
[ -f "$sample" ] || { echo "penguins.csv not found" >&2; exit 1; }

ames=$here/data/samples/ames_housing.csv
if [ ! -f "$ames" ] && [ -n "${EASEL_DATASETS_DIR:-}" ]; then
  ames=$EASEL_DATASETS_DIR/ames_housing.csv
fi
[ -f "$ames" ] || { echo "ames_housing.csv not found" >&2; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

# shoot NAME SCHEME WINDOW-TITLE [ENV=VALUE...] -- [ARGS...]
shoot() {
  local name=$1 scheme=$2 title=$3
  shift 3
  local envs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift

  rm -rf "$home"/*
  mkdir -p "$home/data" "$home/config" "$home/cache"
  env HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
      XDG_CACHE_HOME="$home/cache" GSETTINGS_BACKEND=memory \
      ADW_DEBUG_COLOR_SCHEME="$scheme" EASEL_DEBUG_WINDOW_SIZE=1280x800 \
      "${envs[@]}" \
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
      bash -c '
        "$1" "${@:5}" &
        app=$!
        # wait for the window to be mapped (at most 20 s), then for it to settle
        for _ in $(seq 80); do
          if command -v xwininfo >/dev/null &&
             xwininfo -root -tree 2>/dev/null | grep -qF "\"$3\""; then
            break
          fi
          sleep 0.25
        done
        sleep "$4"
        import -window root "$2"
        kill $app
        wait $app 2>/dev/null || true
      ' shoot "$exe" "$out/$name.png" "$title" "${shot_delay:-$delay}" "$@" 2>/dev/null
  echo "$out/$name.png"
}

for scheme in light dark; do
  color=$([ $scheme = dark ] && echo prefer-dark || echo prefer-light)
  shoot "welcome-$scheme" "$color" "Easel"
  shoot "data-$scheme" "$color" "$(basename "$sample")" \
    EASEL_DEBUG_SELECT_COLUMN=bill_length_mm -- "$sample"
  shoot "data-categorical-$scheme" "$color" "$(basename "$sample")" \
    EASEL_DEBUG_SELECT_COLUMN=species -- "$sample"
done

# Explore: each section with what it computes on a worker thread shown
shot_delay=$explore_delay
for scheme in light dark; do
  color=$([ $scheme = dark ] && echo prefer-dark || echo prefer-light)
  shoot "explore-columns-$scheme" "$color" "$(basename "$ames")" \
    EASEL_DEBUG_VIEW=explore EASEL_DEBUG_SELECT_COLUMN=Neighborhood -- "$ames"
  shoot "explore-columns-numeric-$scheme" "$color" "$(basename "$ames")" \
    EASEL_DEBUG_VIEW=explore EASEL_DEBUG_SELECT_COLUMN=Sale_Price -- "$ames"
  shoot "explore-correlations-$scheme" "$color" "$(basename "$ames")" \
    EASEL_DEBUG_VIEW=explore EASEL_DEBUG_SECTION=correlations \
    EASEL_DEBUG_PAIR=Gr_Liv_Area,Sale_Price -- "$ames"
  shoot "explore-chart-builder-$scheme" "$color" "$(basename "$ames")" \
    EASEL_DEBUG_VIEW=explore EASEL_DEBUG_SECTION=chart-builder \
    EASEL_DEBUG_CHART=box,Neighborhood,Sale_Price -- "$ames"
  shoot "explore-scatter-$scheme" "$color" "$(basename "$ames")" \
    EASEL_DEBUG_VIEW=explore EASEL_DEBUG_SECTION=chart-builder \
    EASEL_DEBUG_CHART=scatter,Gr_Liv_Area,Sale_Price,Bldg_Type -- "$ames"
  shoot "explore-insights-$scheme" "$color" "$(basename "$ames")" \
    EASEL_DEBUG_VIEW=explore EASEL_DEBUG_SECTION=insights EASEL_DEBUG_TARGET=Sale_Price \
    -- "$ames"
done
unset shot_delay
