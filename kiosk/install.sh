#!/usr/bin/env bash
# Sets this machine up as a Hazard Hunt kiosk for the current (desktop) user:
#   - ~/.config/systemd/user/hazard-hunt-server.service: serves dist/ on 127.0.0.1,
#     enabled and started now, restarted if it stops;
#   - ~/.config/autostart/hazard-hunt-kiosk.desktop: the desktop session starts
#     kiosk/chromium-kiosk.sh (Chromium in kiosk mode) at every login;
#   - ~/.config/hazard-hunt-kiosk.env: the port and the address parameters.
# Run it as the kiosk's user (not root), from a checkout where scripts/build.sh has
# made dist/. Running it again rewrites the three files with the new settings.
#
#   bash kiosk/install.sh [--port 8000] [--params 'cursor=hide&board=1']
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$(pwd)"
PORT=8000
PARAMS='cursor=hide'
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="${2:?--port needs a number}"; shift 2 ;;
    --params) PARAMS="${2?--params needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" != 0 ] || die "run it as the kiosk's desktop user, not as root"
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "bad --port $PORT"
case "$PARAMS" in *' '*|*'"'*|*"'"*) die "--params must be an address part like 'cursor=hide&board=1'" ;; esac
[ -f "$REPO/dist/index.html" ] || die "$REPO/dist/ missing: run bash scripts/build.sh first"
[ -f "$REPO/dist/sw.js" ] || die "$REPO/dist/sw.js missing: rebuild with bash scripts/build.sh"
NODE="$(command -v node)" || die "node not found"
command -v chromium >/dev/null || die "chromium not found: sudo apt install chromium"
command -v systemctl >/dev/null || die "systemctl not found (this needs systemd)"

CONFIG="${XDG_CONFIG_HOME:-$HOME/.config}"
UNITS="$CONFIG/systemd/user"
AUTOSTART="$CONFIG/autostart"
mkdir -p "$UNITS" "$AUTOSTART"
fill() { sed -e "s|@REPO@|$REPO|g" -e "s|@NODE@|$NODE|g" "$1"; }

printf '# Hazard Hunt kiosk settings (kiosk/install.sh); read by hazard-hunt-server.service\n# and kiosk/chromium-kiosk.sh.\nPORT=%s\nKIOSK_PARAMS=%s\n' \
  "$PORT" "'$PARAMS'" > "$CONFIG/hazard-hunt-kiosk.env"
say "wrote $CONFIG/hazard-hunt-kiosk.env (PORT=$PORT, KIOSK_PARAMS=$PARAMS)"
fill kiosk/hazard-hunt-server.service > "$UNITS/hazard-hunt-server.service"
say "wrote $UNITS/hazard-hunt-server.service (serves $REPO/dist with $NODE)"
fill kiosk/hazard-hunt-kiosk.desktop > "$AUTOSTART/hazard-hunt-kiosk.desktop"
say "wrote $AUTOSTART/hazard-hunt-kiosk.desktop (runs $REPO/kiosk/chromium-kiosk.sh at login)"
chmod +x kiosk/chromium-kiosk.sh

systemctl --user daemon-reload
systemctl --user enable hazard-hunt-server.service
systemctl --user restart hazard-hunt-server.service
say "enabled and started hazard-hunt-server.service: http://127.0.0.1:$PORT/"
say "the kiosk opens http://127.0.0.1:$PORT/?mode=kiosk${PARAMS:+&$PARAMS} at the next login"
cat <<MSG
install.sh: still to do once, by hand (see README, "Running a kiosk"):
  - log this user in automatically (GNOME: Settings > Users > Automatic Login);
  - keep the screen on:  gsettings set org.gnome.desktop.session idle-delay 0
                         gsettings set org.gnome.settings-daemon.plugins.power sleep-inactive-ac-type 'nothing'
                         gsettings set org.gnome.desktop.screensaver lock-enabled false
  - open the kiosk once with the network on, so that the service worker keeps the game.
MSG
