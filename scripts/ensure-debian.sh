#!/usr/bin/env bash
# Install the Debian packages the app and its tests use (never a downloaded browser or model):
#   tesseract-ocr - OCR for scanned pages (with its English data); `make run` and `make test`
#   chromium      - the browser tests, and the PDFs the format tests print (Playwright)
#   qemu-user     - the reader runs under emulated older CPUs (tests/answering/test_reader_cpus.py)
# `ensure-debian.sh run` installs only what the app needs. Without root or sudo it only
# warns: scans are then refused with a line saying how to install OCR, and tests skip.
set -u
missing=()
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
if [ "${1:-test}" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if [ "$(uname -m)" = x86_64 ] && ! command -v qemu-x86_64 >/dev/null 2>&1; then missing+=(qemu-user); fi
fi
if [ ${#missing[@]} = 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
  echo "warning: ${missing[*]} missing and this user cannot install them; their tests will skip." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
  || echo "warning: could not install ${missing[*]}; their tests will skip." >&2
exit 0
