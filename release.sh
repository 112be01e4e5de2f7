#!/usr/bin/env bash
# Builds the release for the Raspberry Pi: the gateway and the technician CLI published self-contained for
# linux-arm64 (no .NET needed on the Pi; ReadyToRun for start-up), packed with the systemd unit and the install
# script as dist/edgegw-<version>-linux-arm64.tar.gz. Installing it: hardware-docs/GATEWAY.md.
#   ./release.sh                    # linux-arm64 into dist/
#   ./release.sh --rid linux-x64    # another runtime (e.g. for a PC gateway or the benchmarks)
#   ./release.sh --out DIR          # somewhere else
set -euo pipefail
cd "$(dirname "$0")"

rid=linux-arm64
out=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "release.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! command -v dotnet >/dev/null 2>&1; then
  echo "release.sh: the .NET 10 SDK is required; 'dotnet' is not on PATH" >&2
  exit 1
fi

version="$(git describe --tags --always --dirty 2>/dev/null || echo dev)"
name="edgegw-${version}-${rid}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$out/$name"
rm -rf "$stage"
mkdir -p "$stage"

publish() { # project, folder
  echo "==> publishing $1 for $rid (self-contained, ReadyToRun)"
  dotnet publish "$1" -c Release -r "$rid" --self-contained -p:PublishReadyToRun=true -nologo -v quiet -o "$stage/$2"
  rm -f "$stage/$2"/*.xml # API docs; not needed to run
}
start=$SECONDS
publish gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj gateway
publish gateway/src/EdgeGateway.Cli/EdgeGateway.Cli.csproj cli

cp gateway/deploy/edgegw-gateway.service gateway/deploy/install.sh gateway/deploy/gateway.env.example "$stage/"
cp hardware-docs/GATEWAY.md "$stage/"
chmod 0755 "$stage/install.sh" "$stage/gateway/edgegw-gateway" "$stage/cli/edgegw"
echo "$version $rid" > "$stage/VERSION"

tar -C "$out" -czf "$out/$name.tar.gz" "$name"
echo "==> $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1), published in $((SECONDS - start)) s)"
