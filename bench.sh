#!/usr/bin/env bash
# Builds Release and runs the store-and-forward benchmarks (docs/BENCHMARKS.md): the gateway as a real process
# beside plain Mosquitto baselines, all on 127.0.0.1. Needs mosquitto (apt-get install -y mosquitto).
# Extra flags go to edgegw-bench: --runs N (default 3), --backlog N (default 1000000), --only 1,2,3,4,5,6
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -v q -nologo gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj
dotnet build -c Release -v q -nologo gateway/bench/EdgeGateway.Bench/EdgeGateway.Bench.csproj
exec dotnet gateway/bench/EdgeGateway.Bench/bin/Release/net10.0/edgegw-bench.dll "$@"
