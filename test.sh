#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Mosquitto, socat, sqlite3, Chromium, the Prometheus
# text parser, systemd-analyze, the C cross toolchain that links the Pi release's NativeAOT gateway, qemu-user-static
# and arm64 libraries to run it) with apt-get,
# then runs `dotnet test` on the whole solution, runs the process tests again against the NativeAOT gateway, and prints
# one summary line.
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
# The second pass links the NativeAOT gateway for this machine too (clang, llvm, zlib1g-dev, ...).
case "$(uname -m)" in x86_64) mapfile -t -O "${#missing[@]}" missing < <(./release.sh --rid linux-x64 --missing-packages) ;; esac
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
aot="$(mktemp -d)"
trap 'rm -rf "$log" "$aot"' EXIT
set +e
# A hung test fails its run after 5 minutes instead of holding CI to its time limit.
dotnet test EdgeGateway.sln -c Release -nologo --blame-hang-timeout 5m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Second pass: the tests that start the gateway as a process (trait Category=GatewayProcess) again, against the
# NativeAOT gateway for this machine, the build the Pi release ships (the arm64 release itself runs under qemu in the
# first pass). A route, a payload or a setting that needs reflection fails here, not on a Pi.
case "$(uname -m)" in
  x86_64) host_rid=linux-x64 ;;
  aarch64) host_rid=linux-arm64 ;;
  *) host_rid="" ;;
esac
if [ -z "$host_rid" ]; then
  echo "test.sh: the NativeAOT pass needs an x86_64 or aarch64 machine, not $(uname -m)" | tee -a "$log" >&2
  status=1
else
  echo "==> NativeAOT pass: publishing the gateway for $host_rid"
  dotnet publish gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj -c Release -r "$host_rid" -p:EdgeGwNativeAot=true \
    -nologo -v quiet -o "$aot" 2>&1 | tee -a "$log"
  publish_status=${PIPESTATUS[0]}
  if [ "$publish_status" -ne 0 ]; then
    echo "test.sh: the NativeAOT publish failed ($publish_status), so its process tests did not run" | tee -a "$log" >&2
    status=$publish_status
  else
    echo "==> NativeAOT pass: the process tests against $aot/edgegw-gateway"
    EDGEGW_TEST_GATEWAY_EXE="$aot/edgegw-gateway" dotnet test EdgeGateway.sln -c Release -nologo --no-build \
      --filter "Category=GatewayProcess" --blame-hang-timeout 5m 2>&1 | tee -a "$log"
    aot_status=${PIPESTATUS[0]}
    [ "$aot_status" -eq 0 ] || status=$aot_status
  fi
fi
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test or the NativeAOT publish exited with $status (build error or crashed test host; see above)" >&2
fi
exit "$status"
