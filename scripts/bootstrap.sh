#!/usr/bin/env bash
# Sets up everything `make run` and `make test` need on a fresh Debian/Ubuntu machine:
# the Debian packages Qt and the tests use, then the project's virtual environment.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv

# Debian packages. "a|b" means either name (Debian 13 renamed some libraries with t64).
APT_PACKAGES=(
  "libglib2.0-0t64|libglib2.0-0" libegl1 libgl1 libfontconfig1 "libdbus-1-3"
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
  xvfb xauth fonts-dejavu-core poppler-utils python3-venv
)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for spec in "${APT_PACKAGES[@]}"; do
    ok=0; first=""
    IFS='|' read -ra alts <<<"$spec"
    for name in "${alts[@]}"; do
      [ -z "$first" ] && first=$name
      if installed "$name"; then ok=1; break; fi
    done
    if [ $ok -eq 0 ]; then
      # choose the alternative the archive knows
      pick=""
      for name in "${alts[@]}"; do
        if apt-cache show "$name" >/dev/null 2>&1; then pick=$name; break; fi
      done
      missing+=("${pick:-$first}")
    fi
  done
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installation des paquets Debian manquants : ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Paquets système manquants. Lancez une fois :" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Python virtual environment, reinstalled when pyproject.toml changes.
stamp=$VENV/.trame-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installation des dépendances Python dans $VENV…"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  echo "$want" >"$stamp"
fi
