#!/usr/bin/env bash
# Compares midway's validator flags with the real DfE validators', row by row (issue 14; not CI).
#
#   scripts/validator_parity.sh            compare with the validators' flags computed now
#   scripts/validator_parity.sh --update   also write them to tests/data/validator_parity/expected.json
#
# Installs csc-validator-be-903 0.1.17 and csc-validator-be-cin 0.1.13 from PyPI into a venv of
# their own (VALIDATOR_VENV, default build/validator-venv: they pin pandas 1.5), writes the boundary
# variants, runs the validators' ingress and rules on them and on the samples, then runs midway
# (PYTHON, default python3, with midway installed) on the same inputs and compares.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=$(realpath -m "${VALIDATOR_VENV:-build/validator-venv}")
ROOT=$PWD
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import lac_validator, cin_validator' 2>/dev/null; then
  echo "==> installing the DfE validators into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check csc-validator-be-903==0.1.17 csc-validator-be-cin==0.1.13
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PYTHON" scripts/validator_parity.py variants "$work/variants"
(cd "$work" && "$VENV/bin/python" "$ROOT/scripts/validator_parity.py" flags "$work/variants" "$work/expected.json") 2>"$work/validators.log" ||
  { cat "$work/validators.log" >&2; exit 1; }
if [[ ${1:-} == --update ]]; then
  rm -rf tests/data/validator_parity
  cp -r "$work/variants" tests/data/validator_parity
  cp "$work/expected.json" tests/data/validator_parity/expected.json
  echo "==> wrote tests/data/validator_parity" >&2
fi
"$PYTHON" scripts/validator_parity.py compare "$work/variants" "$work/expected.json"
