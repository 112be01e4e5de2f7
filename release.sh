#!/usr/bin/env bash
# Builds the release for the Raspberry Pi, packed with the systemd unit and the install script as
# dist/edgegw-<version>-linux-arm64.tar.gz (installing it: hardware-docs/GATEWAY.md). Nothing of .NET is needed on
# the Pi: the gateway is one NativeAOT executable (start-up and memory, docs/BENCHMARKS.md scenario 6); the technician
# CLI is self-contained ReadyToRun (a tool run by hand now and then, whose start-up matters less).
#   ./release.sh                    # linux-arm64 into dist/
#   ./release.sh --rid linux-x64    # a PC gateway (the benchmarks' machine)
#   ./release.sh --out DIR          # somewhere else
#   ./release.sh --missing-packages # print the Debian packages the NativeAOT link still lacks here, then exit
# NativeAOT links with the C toolchain; on a Debian x64 machine building linux-arm64 it needs
# `clang llvm binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu zlib1g-dev:arm64` (after dpkg --add-architecture arm64).
# The gateway's native debug symbols are kept beside the tarball (dist/edgegw-<version>-<rid>.gateway.dbg), not in it.
set -euo pipefail
cd "$(dirname "$0")"

rid=linux-arm64
out=dist
only_missing=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --missing-packages) only_missing=1; shift ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "release.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

case "$rid" in
  linux-arm64) target=aarch64 ;;
  linux-x64) target=x86_64 ;;
  *) echo "release.sh: the gateway's NativeAOT build is set up for linux-arm64 and linux-x64, not '$rid'" >&2; exit 2 ;;
esac

# The Debian packages ILCompiler's link for $target needs (its defaults: clang driving GNU ld, llvm-objcopy moving the
# symbols into the .dbg file, -lz) that are missing on this machine, one per line.
missing_aot_packages() {
  local host
  host="$(uname -m)"
  command -v clang >/dev/null 2>&1 || echo clang
  command -v llvm-objcopy >/dev/null 2>&1 || echo llvm
  if [ "$host" = "$target" ]; then
    command -v ld.bfd >/dev/null 2>&1 || echo binutils
    compgen -G "/usr/lib/gcc/$target-linux-gnu/*/crtbeginS.o" >/dev/null || echo gcc
    [ -e "/usr/lib/$target-linux-gnu/libz.so" ] || echo zlib1g-dev
  else
    command -v "$target-linux-gnu-ld.bfd" >/dev/null 2>&1 || echo "binutils-$target-linux-gnu"
    compgen -G "/usr/lib/gcc-cross/$target-linux-gnu/*/crtbeginS.o" >/dev/null || echo "gcc-$target-linux-gnu"
    [ -e "/usr/lib/$target-linux-gnu/libz.so" ] || echo "zlib1g-dev:${rid#linux-}"
  fi
}
missing=()
mapfile -t missing < <(missing_aot_packages)
if (( only_missing )); then
  [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
  exit 0
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo "
  echo "release.sh: the C toolchain for the gateway's NativeAOT build ($rid) is missing; install it with:" >&2
  [[ " ${missing[*]} " != *":arm64 "* ]] || echo "  ${sudo}dpkg --add-architecture arm64 && ${sudo}apt-get update" >&2
  echo "  ${sudo}apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "release.sh: the .NET 10 SDK is required; 'dotnet' is not on PATH" >&2
  exit 1
fi

version="$(git describe --tags --always --dirty 2>/dev/null || echo dev)"
name="edgegw-${version}-${rid}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$out/$name"
rm -rf "$stage" "$out/$name.gateway.dbg"
mkdir -p "$stage"

start=$SECONDS
echo "==> publishing the gateway for $rid (NativeAOT)"
# ILC's output goes to the log; a trim/AOT warning fails this publish (the Service csproj), and then its tail is shown.
log="$out/$name.gateway-publish.log"
if ! dotnet publish gateway/src/EdgeGateway.Service/EdgeGateway.Service.csproj -c Release -r "$rid" -p:EdgeGwNativeAot=true \
  -nologo -v quiet -o "$stage/gateway" > "$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "release.sh: the gateway's NativeAOT publish failed; the whole output is in $log" >&2
  exit 1
fi
# The program is the one native file; the managed assemblies' .pdb and .xml files are compiled in or not needed.
mv "$stage/gateway/edgegw-gateway.dbg" "$out/$name.gateway.dbg"
rm -f "$stage/gateway"/*.pdb "$stage/gateway"/*.xml

echo "==> publishing the CLI for $rid (self-contained, ReadyToRun)"
dotnet publish gateway/src/EdgeGateway.Cli/EdgeGateway.Cli.csproj -c Release -r "$rid" --self-contained -p:PublishReadyToRun=true \
  -nologo -v quiet -o "$stage/cli"
rm -f "$stage/cli"/*.xml # API docs; not needed to run

cp gateway/deploy/edgegw-gateway.service gateway/deploy/install.sh gateway/deploy/gateway.env.example "$stage/"
cp hardware-docs/GATEWAY.md "$stage/"
chmod 0755 "$stage/install.sh" "$stage/gateway/edgegw-gateway" "$stage/cli/edgegw"
echo "$version $rid" > "$stage/VERSION"

tar -C "$out" -czf "$out/$name.tar.gz" "$name"
echo "==> $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1), published in $((SECONDS - start)) s)"
echo "    the gateway's debug symbols, for reading a crash dump: $out/$name.gateway.dbg"
