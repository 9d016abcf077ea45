#!/bin/sh
# Installs Trame from this extracted folder.
#   sudo ./install.sh          for every user of the machine: /opt/trame, menu entry, `trame`
#   ./install.sh --user        for the current user only: ~/.local/opt/trame
# An earlier version is replaced. The data folder (~/.local/share/Trame: the encrypted
# vault, its backups) is never touched: the new version opens it and migrates it after
# taking a backup in ~/.local/share/Trame/sauvegardes/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--user" ]; then
  data=${XDG_DATA_HOME:-$HOME/.local/share}
  target=$HOME/.local/opt/trame
  bin=$HOME/.local/bin
  apps=$data/applications
  icons=$data/icons/hicolor
elif [ "$(id -u)" -eq 0 ]; then
  target=/opt/trame
  bin=/usr/local/bin
  apps=/usr/share/applications
  icons=/usr/share/icons/hicolor
else
  echo "Installation pour tous les utilisateurs : lancez « sudo ./install.sh »." >&2
  echo "Pour vous seul : « ./install.sh --user »." >&2
  exit 1
fi

# Copy beside the old version, then swap: an interrupted copy leaves the old one working.
mkdir -p "$(dirname "$target")" "$bin" "$apps" "$icons/256x256/apps" "$icons/scalable/apps"
rm -rf "$target.new"
mkdir "$target.new"
cp -a "$here/trame" "$here/_internal" "$target.new/"
cp "$here/uninstall.sh" "$target.new/"
rm -rf "$target.old"
[ -e "$target" ] && mv "$target" "$target.old"
mv "$target.new" "$target"
rm -rf "$target.old"

ln -sf "$target/trame" "$bin/trame"
sed "s#/opt/trame/trame#$target/trame#g" "$here/trame.desktop" >"$apps/trame.desktop"
chmod 644 "$apps/trame.desktop"
cp "$here/trame.png" "$icons/256x256/apps/trame.png"
cp "$here/trame.svg" "$icons/scalable/apps/trame.svg"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$icons" || true

echo "Trame installé dans « $target » (commande « $bin/trame », entrée « Trame » du menu)."
echo "Les données (coffre chiffré) restent dans le dossier de données de chaque utilisateur."
