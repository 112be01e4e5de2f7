#!/usr/bin/env bash
# Fuzzes the real gateway (raw MQTT 3.1.1/5 packets, mutated envelopes) and the device's serial provisioning session:
# 100,000 seeded cases by default, then prints the count of cases, crashes and hangs (exit 1 if any).
# Extra flags go to the fuzzer: ./fuzz.sh --seed 7 --cases 20000 --seconds 600 --findings fuzz-findings
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "fuzz.sh: the .NET 10 SDK is required; 'dotnet' is not on PATH" >&2
  exit 1
fi
echo "==> building (Release)…"
dotnet build tests/EdgeGateway.Fuzz/EdgeGateway.Fuzz.csproj -c Release -nologo -v quiet
exec dotnet tests/EdgeGateway.Fuzz/bin/Release/net10.0/edgegw-fuzz.dll --cases 100000 "$@"
