#!/usr/bin/env bash
# Builds Release and runs the store-and-forward benchmarks (docs/BENCHMARKS.md): the gateway as a real process
# beside plain Mosquitto baselines, all on 127.0.0.1. Needs mosquitto (apt-get install -y mosquitto).
# Scenarios 6 (footprint of the published build) and 8 (ingest beside the console) first publish the gateway for this
# machine (linux-x64) as ./release.sh does for the Pi: NativeAOT (needs clang, llvm and zlib1g-dev: ./release.sh
# --rid linux-x64 --missing-packages names what is missing). 8 measures on it; 6 measures it under each GC setting
# and, for comparison, a self-contained ReadyToRun publish (the release before issue 18) under each JIT setting.
# Extra flags go to edgegw-bench: --runs N (default 3), --backlog N (default 1000000), --only 1,2,3,4,5,6,7,8,9,10,11,12,13,14
set -euo pipefail
cd "$(dirname "$0")"
case " $* " in *" --help "*|*" -h "*) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;; esac
dotnet build -c Release -v q -nologo gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj
dotnet build -c Release -v q -nologo gateway/bench/EdgeGateway.Bench/EdgeGateway.Bench.csproj
published=gateway/bench/EdgeGateway.Bench/bin/published/linux-x64
r2r=()
all=1; [[ " $* " == *" --only "* ]] && all=0
if (( all )) || [[ "$*" =~ --only[[:space:]]+([0-9,]*,)?[68](,|[[:space:]]|$) ]]; then
  mapfile -t missing < <(./release.sh --rid linux-x64 --missing-packages)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bench.sh: scenarios 6 and 8 publish the gateway with NativeAOT, which needs: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "==> publishing the gateway (linux-x64, NativeAOT, as the release) for scenarios 6 and 8"
  # ILC's output goes to the log; a trim/AOT warning fails the publish (the Service csproj), and then its tail is shown.
  rm -rf "$published-aot"; mkdir -p "$(dirname "$published")"
  if ! dotnet publish gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj -c Release -r linux-x64 -p:EdgeGwNativeAot=true \
    -nologo -v q -o "$published-aot" > "$published-aot.log" 2>&1; then
    tail -n 40 "$published-aot.log" >&2
    echo "bench.sh: the NativeAOT publish failed (the whole output: $published-aot.log)" >&2
    exit 1
  fi
fi
if (( all )) || [[ "$*" =~ --only[[:space:]]+([0-9,]*,)?6(,|[[:space:]]|$) ]]; then
  echo "==> publishing the gateway (linux-x64, self-contained, ReadyToRun) for comparison in scenario 6"
  dotnet publish gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj -c Release -r linux-x64 --self-contained \
    -p:PublishReadyToRun=true -nologo -v q -o "$published"
  r2r=(--r2r "$published")
fi
exec dotnet gateway/bench/EdgeGateway.Bench/bin/Release/net10.0/edgegw-bench.dll --published "$published-aot" "${r2r[@]}" "$@"
