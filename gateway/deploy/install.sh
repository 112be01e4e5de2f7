#!/bin/sh
# Installs (or upgrades) the gateway from the unpacked release tarball; run on the Pi as root:
#   sudo ./install.sh            # install, enable and (re)start the service
#   sudo ./install.sh --no-start # install and enable only (e.g. before editing /etc/edgegw/gateway.env)
# Creates the service user edgegw (groups gpio, i2c; dialout for the CLI's serial provisioning), the data
# directory /var/lib/edgegw (owner-only, 0700), /etc/edgegw/gateway.env for site settings (kept on upgrade),
# puts the programs in /opt/edgegw and the technician CLI on the PATH as `edgegw`.
set -eu
cd "$(dirname "$0")"

PREFIX=/opt/edgegw
DATA=/var/lib/edgegw
ETC=/etc/edgegw
UNIT=edgegw-gateway.service
start=yes
for arg in "$@"; do
  case "$arg" in
    --no-start) start=no ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root: sudo ./install.sh" >&2; exit 1; }
[ -x gateway/edgegw-gateway ] && [ -x cli/edgegw ] || { echo "install.sh: run it from the unpacked release (gateway/ and cli/ beside it)" >&2; exit 1; }
case "$(cat VERSION 2>/dev/null)" in
  *linux-arm64) [ "$(uname -m)" = aarch64 ] || echo "install.sh: warning: this release is for linux-arm64 (64-bit Pi OS); this machine is $(uname -m)" >&2 ;;
esac

echo "==> service user edgegw"
for g in gpio i2c dialout; do getent group "$g" >/dev/null || groupadd --system "$g"; done
if ! id edgegw >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin edgegw
fi
usermod -a -G gpio,i2c,dialout edgegw

if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$UNIT"; then
  echo "==> stopping the running gateway"
  systemctl stop "$UNIT"
fi

echo "==> programs in $PREFIX"
rm -rf "$PREFIX.new"
mkdir -p "$PREFIX.new"
cp -R gateway cli "$PREFIX.new/"
cp VERSION GATEWAY.md "$PREFIX.new/"
chown -R root:root "$PREFIX.new"
chmod -R u=rwX,go=rX "$PREFIX.new"
rm -rf "$PREFIX.old"
[ -d "$PREFIX" ] && mv "$PREFIX" "$PREFIX.old"
mv "$PREFIX.new" "$PREFIX"
rm -rf "$PREFIX.old"

echo "==> data directory $DATA (0700, edgegw only)"
install -d -m 0700 -o edgegw -g edgegw "$DATA"
chown -R edgegw:edgegw "$DATA"
chmod 0700 "$DATA"
find "$DATA" -maxdepth 1 -type f -exec chmod go-rwx {} +

echo "==> settings $ETC/gateway.env"
install -d -m 0750 -o root -g edgegw "$ETC"
if [ ! -f "$ETC/gateway.env" ]; then
  install -m 0640 -o root -g edgegw gateway.env.example "$ETC/gateway.env"
  echo "    created from gateway.env.example: set the gateway id, broker address and uplink there"
fi

echo "==> edgegw on the PATH (/usr/local/bin/edgegw)"
cat > /usr/local/bin/edgegw <<'WRAP'
#!/bin/sh
# The technician CLI on the gateway's own registry, run as the service user so the files stay owner-only.
case " $* " in *" --data-dir "*) set -- "$@" ;; *) set -- "$@" --data-dir /var/lib/edgegw ;; esac
if [ "$(id -un)" = edgegw ]; then exec /opt/edgegw/cli/edgegw "$@"; fi
if [ "$(id -u)" -eq 0 ]; then exec runuser -u edgegw -- /opt/edgegw/cli/edgegw "$@"; fi
echo "edgegw: the registry belongs to the service user; run: sudo edgegw $*" >&2
exit 1
WRAP
chmod 0755 /usr/local/bin/edgegw

if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  echo "==> systemd unit $UNIT"
  install -m 0644 "$UNIT" "/etc/systemd/system/$UNIT"
  systemctl daemon-reload
  systemctl enable "$UNIT" >/dev/null
  if [ "$start" = yes ]; then
    systemctl restart "$UNIT"
    echo "    started; follow it with: journalctl -u $UNIT -f"
  else
    echo "    enabled, not started (--no-start): sudo systemctl start $UNIT"
  fi
else
  install -m 0644 "$UNIT" "/etc/systemd/system/$UNIT"
  echo "install.sh: systemd is not running here; the unit is in /etc/systemd/system/$UNIT for the next boot" >&2
fi
echo "==> installed $(cat "$PREFIX/VERSION")"
