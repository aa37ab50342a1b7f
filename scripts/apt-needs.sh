#!/usr/bin/env bash
# Installs the Debian packages in $PACKAGES that are missing (with apt when root, else says how).
set -euo pipefail
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
  echo "Kikitori needs:$missing"
  echo "Run: sudo apt-get install -y$missing"
  exit 1
fi
