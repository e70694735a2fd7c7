#!/usr/bin/env bash
# Install Debian's chromium for solidcell's browser tests (tests/app/test_app_browser.py).
# Playwright drives this system browser; `playwright install` is never used (it downloads a
# browser build of its own). Skips apt when /usr/bin/chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "setup-browser: /usr/bin/chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
else
  SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "setup-browser: installed $(/usr/bin/chromium --version)"
