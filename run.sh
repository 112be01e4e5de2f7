#!/usr/bin/env bash
# Runs the whole product on embedded defaults: the gateway (embedded MQTT broker on 127.0.0.1:1883,
# SQLite buffer in ./data, local JSON-lines file sink ./data/uplink.jsonl, the ward console on
# http://127.0.0.1:8080) and a few simulated panic buttons pressing on a schedule. Events are printed as they
# flow; acknowledge an alarm on the console and the simulator prints the device's LED reaching acknowledged.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

PORT="${EDGEGW_Broker__Port:-1883}"
export EDGEGW_Broker__Port="$PORT"
CONSOLE_URL="${EDGEGW_Console__Url:-http://127.0.0.1:8080}"
export EDGEGW_Console__Url="$CONSOLE_URL"
CONSOLE_PORT="${CONSOLE_URL##*:}"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "run.sh: port $PORT on 127.0.0.1 is already in use (a system Mosquitto? try: sudo systemctl stop mosquitto)," >&2
  echo "        or pick another port: EDGEGW_Broker__Port=1884 ./run.sh" >&2
  exit 1
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$CONSOLE_PORT") 2>/dev/null; then
  echo "run.sh: port $CONSOLE_PORT on 127.0.0.1 (the ward console) is already in use;" >&2
  echo "        pick another: EDGEGW_Console__Url=http://127.0.0.1:8081 ./run.sh" >&2
  exit 1
fi

echo "==> building (Release)…"
dotnet build gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj -c Release -nologo -v quiet
dotnet build firmware/simulator/EdgeGateway.Simulator.csproj -c Release -nologo -v quiet
dotnet build gateway/src/EdgeGateway.Cli/EdgeGateway.Cli.csproj -c Release -nologo -v quiet

mkdir -p data/sim
# Each simulated device gets its own secret (data/sim/pb-000N.secret, mode 600), registered with the gateway.
# Idempotent: a device already registered with the same secret file is left as it is.
for id in pb-0001 pb-0002 pb-0003 cb-0001 cb-0002; do
  case "$id" in pb-*) type=panic-button ;; *) type=beacon ;; esac
  dotnet gateway/src/EdgeGateway.Cli/bin/Release/net10.0/edgegw.dll --data-dir data device add \
    --id "$id" --type "$type" --site demo --secret-file "data/sim/$id.secret"
done
# The console has no default account: the demo makes one operator with a generated password (mode 600).
if ! dotnet gateway/src/EdgeGateway.Cli/bin/Release/net10.0/edgegw.dll --data-dir data operator list | grep -q '^demo '; then
  rm -f data/console-demo.password
  dotnet gateway/src/EdgeGateway.Cli/bin/Release/net10.0/edgegw.dll --data-dir data operator add demo --role admin \
    --password-file data/console-demo.password
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "==> stopped. Buffer: data/buffer.db  Uplink file sink: data/uplink.jsonl"
}
trap cleanup EXIT INT TERM

echo "==> starting the gateway on 127.0.0.1:$PORT (uplink: file sink data/uplink.jsonl)"
# Per-event lines are Debug in the gateway (quiet in production); the demo shows them.
dotnet gateway/src/EdgeGateway.Service/bin/Release/net10.0/edgegw-gateway.dll \
  --Logging:LogLevel:EdgeGateway.Core.Ingest=Debug --Logging:LogLevel:EdgeGateway.Core.Forwarding=Debug &
pids+=($!)

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "run.sh: the gateway exited during start-up (see above)" >&2; exit 1; }
  sleep 0.1
done

echo "==> ward console: $CONSOLE_URL  (operator: demo, password in data/console-demo.password)"
echo "    add your own operator: dotnet gateway/src/EdgeGateway.Cli/bin/Release/net10.0/edgegw.dll --data-dir data operator add NAME --role operator"
echo "==> starting 3 simulated panic buttons and 2 checkpoint beacons (a press or tap every 5 s each,"
echo "    heartbeats every 30 s). Ctrl-C to stop."
dotnet firmware/simulator/bin/Release/net10.0/edgegw-sim.dll --port "$PORT" --panic-buttons 3 --beacons 2 \
  --press-every 5 --heartbeat 30 --secrets-dir data/sim &
pids+=($!)
wait -n "${pids[@]}"
