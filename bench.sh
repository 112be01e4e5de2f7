#!/usr/bin/env bash
# Builds Release and runs the store-and-forward benchmarks (docs/BENCHMARKS.md): the gateway as a real process
# beside plain Mosquitto baselines, all on 127.0.0.1. Needs mosquitto (apt-get install -y mosquitto).
# Scenarios 6 (footprint of the published build) and 8 (ingest beside the console) first publish the gateway
# self-contained + ReadyToRun for this machine (linux-x64), as ./release.sh does for the Pi; 6 compares runtime settings
# on it, 8 measures on it. Scenario 6 also publishes a NativeAOT build (-p:EdgeGwNativeAot=true: measured, not the
# release; docs/BENCHMARKS.md says why) and measures it too.
# Extra flags go to edgegw-bench: --runs N (default 3), --backlog N (default 1000000), --only 1,2,3,4,5,6,7,8,9,10,11,12,13,14
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -v q -nologo gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj
dotnet build -c Release -v q -nologo gateway/bench/EdgeGateway.Bench/EdgeGateway.Bench.csproj
published=gateway/bench/EdgeGateway.Bench/bin/published/linux-x64
aot=()
all=1; [[ " $* " == *" --only "* ]] && all=0
if (( all )) || [[ "$*" =~ --only[[:space:]]+([0-9,]*,)?[68](,|[[:space:]]|$) ]]; then
  echo "==> publishing the gateway (linux-x64, self-contained, ReadyToRun) for scenarios 6 and 8"
  dotnet publish gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj -c Release -r linux-x64 --self-contained \
    -p:PublishReadyToRun=true -nologo -v q -o "$published"
fi
if (( all )) || [[ "$*" =~ --only[[:space:]]+([0-9,]*,)?6(,|[[:space:]]|$) ]]; then
  echo "==> publishing the gateway (linux-x64, NativeAOT) for scenario 6"
  # Its trim/AOT warnings (reflection-based JSON and options binding in the gateway's own, rooted, assemblies) go to the log.
  if dotnet publish gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj -c Release -r linux-x64 -p:EdgeGwNativeAot=true \
    -nologo -v q -o "$published-aot" > "$published-aot.log" 2>&1; then
    aot=(--aot "$published-aot")
  else
    echo "bench.sh: the NativeAOT publish failed (see $published-aot.log); scenario 6 goes on without it" >&2
  fi
fi
exec dotnet gateway/bench/EdgeGateway.Bench/bin/Release/net10.0/edgegw-bench.dll --published "$published" "${aot[@]}" "$@"
