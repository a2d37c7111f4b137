#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (never a downloaded browser).
# Without root or sudo it only warns: the browser tests then skip and say why.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
  echo "warning: /usr/bin/chromium is missing and this user cannot install it; browser tests will skip." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null \
  || echo "warning: could not install chromium; browser tests will skip." >&2
exit 0
