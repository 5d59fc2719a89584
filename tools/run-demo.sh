#!/usr/bin/env bash
# The main job: install what is missing, build the ivsrt command, and run the CLI demo on
# the embedded default store ($IVSRT_DATA_DIR, else ~/.local/share/ivsrt).
set -euo pipefail
cd "$(dirname "$0")/.."
IVSRT_SKIP_PYTHON=1 tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target ivsrt_cli
IVSRT=build/cli/ivsrt cli/demo.sh
