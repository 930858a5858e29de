#!/usr/bin/env bash
# Installs what usagekit needs on a fresh Debian 12 machine with Node 20 (run as root or a user
# that may `npm install -g`): pnpm 12.21.0 and the workspace's locked dependencies; with
# --for-tests also Debian's chromium, PostgreSQL and the fonts the screenshots are judged in.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "usagekit needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

PNPM_VERSION=12.21.0
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION …"
  npm install -g "pnpm@$PNPM_VERSION" --no-fund --no-audit --loglevel=error
fi

pnpm install --frozen-lockfile --reporter=append-only

# The test command needs system packages from Debian: chromium for the browser tests (never a
# downloaded browser), PostgreSQL, whose server the SQL adapter's tests start themselves, and the
# fonts the design is judged in: Inter (without it chromium falls back to Liberation Sans) and
# Noto CJK (without it Chinese, Japanese and Korean names render as boxes in screenshots).
# `--with-browser` is the older name of `--for-tests`.
if [ "${1:-}" = "--for-tests" ] || [ "${1:-}" = "--with-browser" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  for font in fonts-inter fonts-noto-cjk; do
    dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q 'install ok installed' || missing+=("$font")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (or run this script as root)." >&2
      exit 1
    fi
    echo "Installing Debian's ${missing[*]} …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
