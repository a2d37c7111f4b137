#!/usr/bin/env bash
# Install the Debian packages the tests use (never a downloaded browser or emulator):
#   chromium   - the browser tests (Playwright drives /usr/bin/chromium)
#   qemu-user  - the reader runs under emulated older CPUs (tests/answering/test_reader_cpus.py)
# Without root or sudo it only warns: those tests then skip and say why.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "$(uname -m)" = x86_64 ] && ! command -v qemu-x86_64 >/dev/null 2>&1; then missing+=(qemu-user); fi
if [ ${#missing[@]} = 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
  echo "warning: ${missing[*]} missing and this user cannot install them; their tests will skip." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
  || echo "warning: could not install ${missing[*]}; their tests will skip." >&2
exit 0
