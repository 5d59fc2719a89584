#!/usr/bin/env bash
# Installs what building and testing ivsrt needs, and only what is missing:
# Debian packages (apt-get) and the Python packages of tools/requirements-dev.txt.
# (tools/run-tests.sh installs tests/js's npm packages itself, with npm ci.)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

debs=(cmake ninja-build g++ pkg-config git
      libabsl-dev libsimdjson-dev liblmdb-dev libssl-dev libre2-dev
      libgtest-dev libgmock-dev libbenchmark-dev
      libcpp-httplib-dev        # the HTTP/1.1 server of `ivsrt serve`
      clang libclang-rt-14-dev  # clang + its sanitizer/libFuzzer runtimes: tools/fuzz.sh
      clang-tidy-14             # tools/tidy.sh: the checks of .clang-tidy over core/
      lmdb-utils)               # mdb_stat -r: the reader table, for tools/torture.py
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm for the aws-sdk-js-v3 suite (tests/js): Debian's, unless both are there
# already (a NodeSource nodejs brings its own npm, which Debian's npm package conflicts with).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${IVSRT_SKIP_PYTHON:-0}" != 1 ]; then
  python3 -m pip install -q --disable-pip-version-check -r "$here/requirements-dev.txt"
fi
