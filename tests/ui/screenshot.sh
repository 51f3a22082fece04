#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of Easel at 1280x800, in light and dark style, for looking at the UI:
#   tests/ui/screenshot.sh OUTDIR [BUILDDIR] [build]
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

# Build: tests/ui/screenshot.sh OUTDIR BUILDDIR build takes only these. A multinomial
# logistic regression on a 400,000-row synthetic table while it trains (the live loss
# curve), then finished models: churn in telco_churn.csv (two classes) and the body mass
# in penguins.csv (a linear regression).
build_shots() {
  local churn=$here/data/samples/telco_churn.csv
  if [ ! -f "$churn" ] && [ -n "${EASEL_DATASETS_DIR:-}" ]; then
    churn=$EASEL_DATASETS_DIR/telco_churn.csv
  fi
  for scheme in light dark; do
    color=$([ $scheme = dark ] && echo prefer-dark || echo prefer-light)
    shot_delay=${EASEL_SHOT_TRAINING_DELAY:-12} shoot "build-training-$scheme" "$color" \
      "Synthetic table" EASEL_DEBUG_SYNTHETIC_ROWS=400000 EASEL_DEBUG_VIEW=build \
      "EASEL_DEBUG_BUILD=group,logistic,solver=lbfgs,tol=1e-12,max_iter=100000,C=1e6" --
    shoot "build-results-$scheme" "$color" "$(basename "$churn")" EASEL_DEBUG_VIEW=build \
      EASEL_DEBUG_BUILD=churn,logistic -- "$churn"
    shoot "build-regression-$scheme" "$color" "$(basename "$sample")" EASEL_DEBUG_VIEW=build \
      EASEL_DEBUG_BUILD=body_mass_g,linear -- "$sample"
  done
}
if [ "${3:-}" = build ]; then
  build_shots
  exit 0
fi

# Prepare: tests/ui/screenshot.sh OUTDIR BUILDDIR prepare takes only these. A recipe of eight
# steps on penguins.csv: the form and before/after preview of a step, then of the whole
# recipe; one step names a column an earlier step removed, one has a formula cut short.
prepare_shots() {
  recipes=$(mktemp -d)
  trap 'rm -rf "$home" "$recipes"' EXIT
  cat > "$recipes/recipe.json" <<'JSON'
{"version": 1, "steps": [
  {"op": "impute", "columns": ["bill_length_mm", "bill_depth_mm"], "strategy": "median"},
  {"op": "drop_missing", "columns": ["sex"]},
  {"op": "one_hot_encode", "columns": ["island"]},
  {"op": "scale", "columns": ["body_mass_g"], "method": "standard"},
  {"op": "formula", "name": "bill_ratio", "expression": "bill_length_mm / bill_depth_mm"},
  {"op": "drop_columns", "columns": ["year"]},
  {"op": "strip", "columns": ["island"]},
  {"op": "formula", "name": "bill_area", "expression": "bill_length_mm * (bill_depth_mm +"}
]}
JSON
  for scheme in light dark; do
    color=$([ $scheme = dark ] && echo prefer-dark || echo prefer-light)
    shoot "prepare-step-$scheme" "$color" "$(basename "$sample")" EASEL_DEBUG_VIEW=prepare \
      EASEL_DEBUG_RECIPE="$recipes/recipe.json" EASEL_DEBUG_STEP=1 -- "$sample"
    shoot "prepare-onehot-$scheme" "$color" "$(basename "$sample")" EASEL_DEBUG_VIEW=prepare \
      EASEL_DEBUG_RECIPE="$recipes/recipe.json" EASEL_DEBUG_STEP=3 -- "$sample"
    shoot "prepare-whole-$scheme" "$color" "$(basename "$sample")" EASEL_DEBUG_VIEW=prepare \
      EASEL_DEBUG_RECIPE="$recipes/recipe.json" EASEL_DEBUG_STEP=all -- "$sample"
    shoot "prepare-formula-$scheme" "$color" "$(basename "$sample")" EASEL_DEBUG_VIEW=prepare \
      EASEL_DEBUG_RECIPE="$recipes/recipe.json" EASEL_DEBUG_STEP=8 -- "$sample"
    shoot "prepare-catalog-$scheme" "$color" "$(basename "$sample")" EASEL_DEBUG_VIEW=prepare \
      EASEL_DEBUG_RECIPE="$recipes/recipe.json" EASEL_DEBUG_STEP=catalog -- "$sample"
  done
}
if [ "${3:-}" = prepare ]; then
  prepare_shots
  exit 0
fi

# The project sidebar and a model card: tests/ui/screenshot.sh OUTDIR BUILDDIR project takes
# only these. A project made with easel-cli (datasets, model versions in each status),
# opened together with one of its tables, and the card of one model version.
project_shots() {
  cli=$builddir/src/cli/easel-cli
  iris=$here/data/samples/iris.csv
  if [ ! -f "$iris" ] && [ -n "${EASEL_DATASETS_DIR:-}" ]; then
    iris=$EASEL_DATASETS_DIR/iris.csv
  fi
  if [ -x "$cli" ] && [ -f "$iris" ]; then
    projects=$(mktemp -d)
    trap 'rm -rf "$home" "$projects"' EXIT
    project=$projects/Field\ Study.easel
    "$cli" project new "$project"
    for _ in 1 2; do
      "$cli" train "$sample" --target species --project "$project" --name penguin-species \
        >/dev/null
    done
    "$cli" train "$sample" --target body_mass_g --exclude species --project "$project" \
      --name penguin-mass >/dev/null
    "$cli" train "$iris" --target species --project "$project" --name iris-species >/dev/null
    "$cli" project import "$project" "$ames" >/dev/null
    "$cli" model status --project "$project" --model penguin-species@1 --set Approved
    "$cli" model status --project "$project" --model penguin-species@2 --set PendingReview
    "$cli" model status --project "$project" --model penguin-mass@1 --set Archived
    shot_delay=${EASEL_SHOT_PROJECT_DELAY:-10}
    for scheme in light dark; do
      color=$([ $scheme = dark ] && echo prefer-dark || echo prefer-light)
      shoot "project-sidebar-$scheme" "$color" "$(basename "$sample")" -- "$project" "$sample"
      shoot "project-welcome-$scheme" "$color" "Easel" -- "$project"
      shoot "project-card-$scheme" "$color" "penguin-species@1" \
        EASEL_DEBUG_CARD=penguin-species@1 -- "$project"
    done
    unset shot_delay
  fi
}
if [ "${3:-}" = project ]; then
  project_shots
  exit 0
fi

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

build_shots

project_shots
