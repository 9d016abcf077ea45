#!/bin/sh
# Removes the Trame program. The users' data folders (~/.local/share/Trame: the encrypted
# vault and its backups) are kept: delete them by hand only once the cases are archived.
#   sudo ./uninstall.sh  |  ./uninstall.sh --user
set -eu
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
  echo "Désinstallation pour tous les utilisateurs : « sudo ./uninstall.sh »." >&2
  exit 1
fi
if [ -L "$bin/trame" ] && [ "$(readlink "$bin/trame")" = "$target/trame" ]; then
  rm -f "$bin/trame"
fi
rm -f "$apps/trame.desktop" "$icons/256x256/apps/trame.png" "$icons/scalable/apps/trame.svg"
rm -rf "$target"
echo "Trame est désinstallé. Les données des utilisateurs (coffre chiffré) sont conservées."
