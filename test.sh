#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Mosquitto, socat, sqlite3, Chromium, the Prometheus text parser) with apt-get,
# then runs `dotnet test` on the whole solution and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/sbin/mosquitto ] || [ -x /usr/bin/mosquitto ] || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
# The console's browser tests drive Debian's Chromium through Playwright (its own browser download does not work offline).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# /metrics is checked with the reference Prometheus text parser (python3-prometheus-client).
/usr/bin/python3 -c 'import prometheus_client.parser' >/dev/null 2>&1 || missing+=(python3-prometheus-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing test dependencies: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
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
