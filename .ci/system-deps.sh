#!/usr/bin/env bash
# Debian packages ua-writer needs: Qt's runtime libraries (run), plus poppler-utils, xvfb and
# LibreOffice Writer (test: the DOCX is checked as LibreOffice lays it out), and for the packaging
# test (tests/test_deb.py: make bundle/deb, install, validate) binutils (PyInstaller strips with
# it), desktop-file-utils, appstream and shared-mime-info.
# Installs only what is missing; needs root for that, otherwise prints the command to run.
set -euo pipefail
RUN_PKGS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
          libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
          libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 fonts-dejavu-core)
TEST_PKGS=(poppler-utils xvfb libreoffice-writer-nogui binutils desktop-file-utils appstream
           shared-mime-info)
pkgs=("${RUN_PKGS[@]}")
[[ "${1:-run}" == "test" ]] && pkgs+=("${TEST_PKGS[@]}")
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt 6 runtime libraries yourself"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing Debian packages: ${missing[*]}"
  echo "  run: sudo apt-get install ${missing[*]}"
  [[ "${1:-run}" == "test" ]] && exit 1 || exit 0
fi
