#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Mosquitto, socat, sqlite3, Chromium, the Prometheus
# text parser, systemd-analyze, the C cross toolchain that links the Pi release's NativeAOT gateway, qemu-user-static
# and arm64 libraries to run it) with apt-get,
# then runs `dotnet test` on the whole solution and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/sbin/mosquitto ] || [ -x /usr/bin/mosquitto ] || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
# systemd-analyze checks gateway/deploy/edgegw-gateway.service (the package installs; it need not run as init).
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
# The linux-arm64 release runs under qemu-user-static with Debian's arm64 libraries (tests/.../Release).
command -v qemu-aarch64-static >/dev/null 2>&1 || missing+=(qemu-user-static)
arm64=(libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 libicu72:arm64 zlib1g:arm64 libssl3:arm64)
for p in "${arm64[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || { missing+=("${arm64[@]}"); break; }
done
# ./release.sh links the gateway with NativeAOT for linux-arm64: clang, llvm, the aarch64 binutils and gcc, zlib1g-dev:arm64.
# It names what is missing without building anything (a few file and PATH checks).
mapfile -t -O "${#missing[@]}" missing < <(./release.sh --missing-packages)
# The console's browser tests drive Debian's Chromium through Playwright (its own browser download does not work offline).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# /metrics is checked with the reference Prometheus text parser (python3-prometheus-client).
/usr/bin/python3 -c 'import prometheus_client.parser' >/dev/null 2>&1 || missing+=(python3-prometheus-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing test dependencies: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required; 'dotnet' is not on PATH" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
# A hung test fails its run after 5 minutes instead of holding CI to its time limit.
dotnet test EdgeGateway.sln -c Release -nologo --blame-hang-timeout 5m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $status (build error or crashed test host; see above)" >&2
fi
exit "$status"
