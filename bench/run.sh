#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmarks: Easel against its peers, side by side on this machine.
#   bench/run.sh profile [options for bench_profile.py]   easel-cli profile vs pandas, data.table
#   bench/run.sh correlate [options]                      easel-cli correlate vs numpy, pandas
#   bench/run.sh prepare [options for bench_prepare.py]   easel-cli prepare vs pandas
#   bench/run.sh train [options for bench_train.py]       easel-cli train vs scikit-learn
#   bench/run.sh cluster [options for bench_cluster.py]   easel-cli cluster vs scikit-learn
#   bench/run.sh gbdt [options for bench_gbdt.py]         easel-cli gbdt vs XGBoost, scikit-learn
#   bench/run.sh mlp [options for bench_mlp.py]           easel-cli train mlp vs PyTorch, sklearn
#   bench/run.sh data                                      only generate the input files
# Installs what is missing (Debian packages), builds easel-cli in build-bench (release, no UI),
# generates the data in bench/out/ (kept between runs) and prints the table.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
builddir=${EASEL_BENCH_BUILDDIR:-build-bench}

bench_pkgs=(time python3 python3-numpy python3-pandas r-base-core r-cran-data.table
            build-essential meson ninja-build pkg-config libglib2.0-dev libjson-glib-dev
            libopenblas-dev libsqlite3-dev libcairo2-dev libpango1.0-dev)

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
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "${missing[@]}"
  fi
}

build() {
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" --buildtype=release -Dui=false
  fi
  ninja -C "$builddir" src/cli/easel-cli
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  data)
    install_missing python3 python3-numpy
    /usr/bin/python3 bench/gen_data.py "$@"
    ;;
  profile)
    install_missing "${bench_pkgs[@]}"
    build
    /usr/bin/python3 bench/gen_data.py
    /usr/bin/python3 bench/bench_profile.py --build-dir "$builddir" "$@"
    ;;
  correlate)
    install_missing "${bench_pkgs[@]}"
    build
    /usr/bin/python3 bench/bench_correlate.py --build-dir "$builddir" "$@"
    ;;
  prepare)
    install_missing "${bench_pkgs[@]}"
    build
    /usr/bin/python3 bench/gen_data.py
    /usr/bin/python3 bench/bench_prepare.py --build-dir "$builddir" "$@"
    ;;
  train)
    install_missing "${bench_pkgs[@]}" python3-sklearn
    build
    /usr/bin/python3 bench/bench_train.py --cli "$builddir/src/cli/easel-cli" "$@"
    ;;
  gbdt)
    install_missing "${bench_pkgs[@]}" python3-sklearn python3-xgboost
    build
    ninja -C "$builddir" bench/easel-bench-gbdt
    /usr/bin/python3 bench/bench_gbdt.py --bench "$builddir/bench/easel-bench-gbdt" "$@"
    ;;
  cluster)
    install_missing "${bench_pkgs[@]}" python3-sklearn
    build
    /usr/bin/python3 bench/bench_cluster.py --build-dir "$builddir" "$@"
    ;;
  mlp)
    install_missing "${bench_pkgs[@]}" python3-sklearn python3-torch
    build
    /usr/bin/python3 bench/bench_mlp.py --cli "$builddir/src/cli/easel-cli" "$@"
    ;;
  *)
    echo "usage: bench/run.sh profile|correlate|prepare|train|cluster|mlp|gbdt|data [options]" >&2
    exit 2
    ;;
esac
