#!/usr/bin/env bash
# Builds the Linux bundle and its archive: dist/trame-<version>-linux-x86_64.tar.gz
# (`make dist` runs this after `make setup`). Then runs the bundle's own test (tests/bundle).
#   SKIP_DIST_TEST=1 bash installer/build.sh   build and archive only
# Build artefacts stay in build/ and dist/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
PY=$VENV/bin/python
if [ ! -x "$PY" ]; then
  echo "Environnement Python absent : lancez d'abord « make setup »." >&2
  exit 1
fi

# PyInstaller is needed for the build only: the optional extra `dist` of pyproject.toml.
if ! "$PY" -c "import PyInstaller" >/dev/null 2>&1; then
  echo "Installation de PyInstaller (extra « dist ») dans $VENV…"
  "$PY" -m pip install -q -e ".[dist]"
fi

VERSION=$("$PY" -c "import re,pathlib; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', pathlib.Path('desktop/__init__.py').read_text()).group(1))")
ARCH=$(uname -m)
NAME="trame-${VERSION}-linux-${ARCH}"
ARCHIVE="dist/${NAME}.tar.gz"

echo "Construction du paquet Trame ${VERSION} (${ARCH}) avec PyInstaller…"
start=$(date +%s)
# PYTHONDONTWRITEBYTECODE (set by the Makefile) would stop PyInstaller from compiling.
env -u PYTHONDONTWRITEBYTECODE "$PY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/trame.spec

# Stage the archive: the one-folder bundle, the desktop entry, the icon, install scripts.
stage=build/stage
rm -rf "$stage"
mkdir -p "$stage/$NAME"
cp -a dist/trame/. "$stage/$NAME/"
cp installer/linux/trame.desktop resources/icons/trame.png resources/icons/trame.svg \
  installer/linux/install.sh installer/linux/uninstall.sh "$stage/$NAME/"
chmod 755 "$stage/$NAME/install.sh" "$stage/$NAME/uninstall.sh" "$stage/$NAME/trame"
cp installer/linux/LISEZMOI.txt "$stage/$NAME/"
tar -C "$stage" -czf "$ARCHIVE.part" --owner=0 --group=0 "$NAME"
mv "$ARCHIVE.part" "$ARCHIVE"
rm -rf "$stage"
end=$(date +%s)

echo "Archive : $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1), paquet $(du -sh dist/trame | cut -f1)," \
  "$((end - start)) s)"

if [ "${SKIP_DIST_TEST:-0}" != "1" ]; then
  echo "Test du paquet hors de l'environnement Python du projet…"
  TRAME_DIST=1 TRAME_DIST_ARCHIVE="$ARCHIVE" QT_QPA_PLATFORM=offscreen \
    "$PY" -m pytest -q -m dist tests/bundle
fi
