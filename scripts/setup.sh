#!/usr/bin/env bash
# Prepares this machine for cxr: installs only what is missing, prints what it does, safe to run again.
#  1. TorchSharp 0.107.0's libLibTorchSharp.so needs GLIBCXX_3.4.32 (GCC 13+). Debian 12 ships GCC 12, so there we
#     take libstdc++6 from Debian 13 (trixie), pinned low so nothing else is upgraded from it.
#  2. Chromium for the browser test (Debian's package; a browser is never downloaded by a test tool).
#  3. DICOM tools: DCMTK (the DICOM tests write their fixtures with it and compare with its renderer), and for the
#     next increments (JPEG-LS, JPEG 2000 decoding, DICOM output) GDCM's tools, dicom3tools, Orthanc, OpenJPEG, CharLS.
# Set CXR_SETUP_SKIP=1 to skip everything (e.g. on a machine you manage yourself).
set -euo pipefail

[ "${CXR_SETUP_SKIP:-0}" = "1" ] && exit 0

log() { echo "[cxr setup] $*" >&2; }
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

libstdcxx_path() {
  local p
  for p in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    if [ -e "$p" ]; then echo "$p"; return 0; fi
  done
  ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 /{print $NF; exit}'
}

has_glibcxx_3_4_32() {
  local lib; lib=$(libstdcxx_path)
  [ -n "$lib" ] && grep -qa 'GLIBCXX_3\.4\.32' "$lib"
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = "0" ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >/dev/null
    apt_updated=1
  fi
}

ensure_libstdcxx() {
  if has_glibcxx_3_4_32; then return 0; fi
  . /etc/os-release 2>/dev/null || true
  if [ "${ID:-}" != "debian" ]; then
    log "libstdc++ lacks GLIBCXX_3.4.32, which TorchSharp needs (training only). Install GCC 13+'s libstdc++6 on this ${PRETTY_NAME:-system}."
    return 0
  fi
  log "libstdc++ lacks GLIBCXX_3.4.32 (needed by TorchSharp): installing libstdc++6 from Debian 13 (trixie), pinned at priority 100"
  if [ ! -f /etc/apt/sources.list.d/cxr-trixie.sources ]; then
    $SUDO tee /etc/apt/sources.list.d/cxr-trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  if [ ! -f /etc/apt/preferences.d/cxr-trixie ]; then
    $SUDO tee /etc/apt/preferences.d/cxr-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  fi
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  if has_glibcxx_3_4_32; then log "libstdc++6 now provides GLIBCXX_3.4.32"; else log "libstdc++6 upgrade did not provide GLIBCXX_3.4.32"; exit 1; fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then log "no /usr/bin/chromium and no apt-get: install Chromium to run the browser test"; return 0; fi
  log "installing Debian's chromium (for the browser test)"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
}

# Debian package names; each is installed only when dpkg does not list it as installed.
DICOM_PACKAGES=(dcmtk libgdcm-tools dicom3tools orthanc libopenjp2-7 libcharls2)

ensure_dicom() {
  local missing=() p
  for p in "${DICOM_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
  done
  if [ "${#missing[@]}" = "0" ]; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then log "missing ${missing[*]} and no apt-get: install DCMTK to run the DICOM tests"; return 0; fi
  log "installing Debian's ${missing[*]} (DICOM test tools)"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

case "${1:-all}" in
  torch) ensure_libstdcxx ;;
  browser) ensure_chromium ;;
  dicom) ensure_dicom ;;
  all) ensure_libstdcxx; ensure_chromium; ensure_dicom ;;
  *) echo "usage: scripts/setup.sh [all|torch|browser|dicom]" >&2; exit 2 ;;
esac
