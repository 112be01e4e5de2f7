#!/usr/bin/env bash
# Runs the whole product on embedded defaults: the gateway (embedded MQTT broker on 127.0.0.1:1883,
# SQLite buffer in ./data, local JSON-lines file sink ./data/uplink.jsonl), a few simulated panic buttons
# pressing on a schedule, and a patrol round: two simulated beacons walked by an enrolled card (one checkpoint
# late), whose report the CLI prints when the round ends. Events are printed as they flow. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

PORT="${EDGEGW_Broker__Port:-1883}"
export EDGEGW_Broker__Port="$PORT"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "run.sh: port $PORT on 127.0.0.1 is already in use (a system Mosquitto? try: sudo systemctl stop mosquitto)," >&2
  echo "        or pick another port: EDGEGW_Broker__Port=1884 ./run.sh" >&2
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
  case "$id" in pb-*) type=panic-button ;; *) type=checkpoint-beacon ;; esac
  dotnet gateway/src/EdgeGateway.Cli/bin/Release/net10.0/edgegw.dll --data-dir data device add \
    --id "$id" --type "$type" --site demo --secret-file "data/sim/$id.secret"
done
EDGEGW="dotnet gateway/src/EdgeGateway.Cli/bin/Release/net10.0/edgegw.dll --data-dir data"
$EDGEGW card enrol --uid 04A1B2C3 --member "Demo walker" --team north

pids=()
report=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}" "${report[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "==> stopped. Buffer: data/buffer.db  Uplink file sink: data/uplink.jsonl"
}
trap cleanup EXIT INT TERM

echo "==> starting the gateway on 127.0.0.1:$PORT (uplink: file sink data/uplink.jsonl)"
# Per-event lines are Debug in the gateway (quiet in production); the demo shows them.
rm -f data/demo-patrols.json
dotnet gateway/src/EdgeGateway.Service/bin/Release/net10.0/edgegw-gateway.dll --Patrols:File=demo-patrols.json \
  --Logging:LogLevel:EdgeGateway.Core.Ingest=Debug --Logging:LogLevel:EdgeGateway.Core.Forwarding=Debug \
  --Logging:LogLevel:EdgeGateway.Patrols=Debug &
pids+=($!)

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "run.sh: the gateway exited during start-up (see above)" >&2; exit 1; }
  sleep 0.1
done

echo "==> starting 3 simulated panic buttons (a press every 5 s each, heartbeats every 30 s)"
dotnet firmware/simulator/bin/Release/net10.0/edgegw-sim.dll --port "$PORT" --panic-buttons 3 --beacons 0 \
  --press-every 5 --heartbeat 30 --secrets-dir data/sim &
pids+=($!)

# The demo's patrol: one round of route "demo" (cp-0001 then cp-0002, where the simulator's cb-0001 and cb-0002
# stand) starting at the next whole minute at least 40 s away, walked by the card 04A1B2C3 with cp-0002 late.
# It lives in its own file (data/demo-patrols.json, picked up by the running gateway), so a data/patrols.json of
# yours is left alone.
round_start=$(( ($(date -u +%s) + 40 + 59) / 60 * 60 ))
cat > data/demo-patrols.json.new <<JSON
{
  "checkpoints": [ { "id": "cp-0001", "name": "Gate" }, { "id": "cp-0002", "name": "Pump house" } ],
  "routes": [ { "id": "demo", "stops": [
    { "checkpoint": "cp-0001", "at": "0s", "tolerance": "20s" },
    { "checkpoint": "cp-0002", "at": "30s", "tolerance": "15s", "grace": "20s" } ] } ],
  "schedules": [ { "id": "demo-round", "route": "demo", "team": "north",
    "cron": "0 $(date -u -d "@$round_start" +'%-M %-H %-d %-m') *", "timeZone": "UTC", "maxDuration": "90s" } ]
}
JSON
mv data/demo-patrols.json.new data/demo-patrols.json   # whole, never half-written, when the gateway reads it
echo "==> starting 2 checkpoint beacons; a patrol round starts at $(date -d "@$round_start" +%H:%M:%S),"
echo "    its report follows when it ends (90 s later). Ctrl-C to stop."
printf 'at %s patrol north walk demo card 04A1B2C3 late cp-0002 25s\n' "$(date -d "@$round_start" +%H:%M)" > data/sim/patrol-demo.txt
dotnet firmware/simulator/bin/Release/net10.0/edgegw-sim.dll --port "$PORT" --panic-buttons 0 --beacons 2 \
  --press-every 0 --heartbeat 30 --secrets-dir data/sim --state-dir data/sim \
  --patrols data/demo-patrols.json --scenario data/sim/patrol-demo.txt &
pids+=($!)

(
  sleep $(( round_start + 93 - $(date -u +%s) ))
  echo "==> the patrol round's report (edgegw patrol report --team north):"
  $EDGEGW patrol report --from "$(date -d "@$round_start" '+%Y-%m-%dT%H:%M:%S')" --team north
) &
report+=($!)
wait -n "${pids[@]}"
