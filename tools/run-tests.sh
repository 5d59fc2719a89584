#!/usr/bin/env bash
# Every test: install what is missing, build, then the C++ suites (ctest: engine, C ABI,
# golden cases, CLI, model-table freshness), aws-sdk-js-v3 against `ivsrt serve` (npm ci, then
# node --test), the Python binding (mypy --strict, pytest) and the Go binding (go vet,
# go test -race).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh

cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2

(cd tests/js && npm ci --no-audit --no-fund && IVSRT_CLI="$PWD/../../build/cli/ivsrt" node --test)

IVSRT_BUILD_DIR="$PWD/build" python3 -m pip install -q --disable-pip-version-check ./bindings/python
(cd bindings/python && python3 -m mypy)  # strict; files and stubs: its pyproject.toml
python3 -m pytest -q -p no:cacheprovider bindings/python/tests

(cd bindings/go && go vet ./... && go test -race -count=1 ./...)
