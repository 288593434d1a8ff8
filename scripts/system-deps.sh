#!/usr/bin/env bash
# Install the system programs the project needs (Graphviz's dot, Chromium for browser tests,
# the DejaVu Sans font every graph is measured and drawn in, the CJK font of the Chinese
# edition, Node.js with npm for the JavaScript lint and the CSS purge) when they are missing. Needs root for apt-get; otherwise says what to install.
set -euo pipefail
missing=()
command -v dot >/dev/null || missing+=(graphviz)
command -v chromium >/dev/null || missing+=(chromium)
# (grep without -q reads all of fc-list: with pipefail, an early exit would count as missing.)
# Graphviz sizes each box from the font's metrics: without this exact font, graphs (and the
# notebooks that store them) would differ from machine to machine.
command -v npm >/dev/null || missing+=(nodejs npm)   # scripts/node-deps.sh: eslint, prettier
fc-list 'DejaVu Sans:style=Book' 2>/dev/null | grep . >/dev/null || missing+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || missing+=(fonts-noto-cjk)  # the zh edition
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "convblocks needs these system packages: ${missing[*]}." >&2
  echo "Install them (on Debian: sudo apt-get install ${missing[*]}) and run make again." >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
