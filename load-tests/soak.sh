#!/usr/bin/env bash
# Soak test: warm GetFile load against a fresh gateway and fake GitHub for N minutes (default 10), printing
# requests, errors and heap after each minute; exits non-zero on any error.
#   load-tests/soak.sh            10 minutes
#   load-tests/soak.sh 2          2 minutes
# Other options are run-benchmarks.sh's (--users N, --delay-ms N, --skip-build).
set -euo pipefail
MIN=10
if [ $# -gt 0 ] && [ -n "${1##*[!0-9]*}" ]; then MIN=$1; shift; fi
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmarks.sh" --soak "$MIN" "$@"
