#!/usr/bin/env bash
# Installs the build into a fresh prefix, builds tests/install against it both ways, runs both.
set -euo pipefail
build=$1; src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(dirname "$(find "$work/prefix" -name 'ivsrt.pc' -print -quit)")/..
cmake -S "$src" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_RPATH="$(cd "$libdir" && pwd)" >/dev/null  # pkg-config searches the prefix too
cmake --build "$work/consumer" >/dev/null
"$work/consumer/with_find_package"
"$work/consumer/with_pkg_config"
