#!/usr/bin/env bash
# Starts Debian's Chromium in kiosk mode on the local Hazard Hunt server, and starts it
# again if it ever exits or crashes (a kiosk runs unattended). Run by the desktop
# session through ~/.config/autostart/hazard-hunt-kiosk.desktop (kiosk/install.sh).
#
# Settings, in ~/.config/hazard-hunt-kiosk.env (written by install.sh):
#   PORT=8000                       the port of hazard-hunt-server.service
#   KIOSK_PARAMS='cursor=hide'      more address parameters after mode=kiosk
# To leave the kiosk for maintenance: touch "$XDG_RUNTIME_DIR/hazard-hunt-kiosk.stop",
# then close Chromium (Alt+F4); it is not started again until the next login.
set -u
PORT=8000
KIOSK_PARAMS='cursor=hide'
ENV_FILE="${XDG_CONFIG_HOME:-$HOME/.config}/hazard-hunt-kiosk.env"
# shellcheck disable=SC1090
[ -f "$ENV_FILE" ] && . "$ENV_FILE"
URL="http://127.0.0.1:${PORT}/?mode=kiosk${KIOSK_PARAMS:+&$KIOSK_PARAMS}"
STOP="${XDG_RUNTIME_DIR:-/tmp}/hazard-hunt-kiosk.stop"
rm -f "$STOP"

# The screen must never blank or sleep (X11; on GNOME also see README "Running a kiosk").
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null; then
  xset s off -dpms s noblank 2>/dev/null || true
fi

# The first visit needs the server (after it the service worker has the game): wait
# up to a minute for it to answer.
for _ in $(seq 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null && break
  sleep 1
done

# Flags checked against Debian 12's chromium (the switch names are in its binary).
# --hide-crash-restore-bubble stands in for the older --disable-session-crashed-bubble,
# which today's Chromium no longer has.
while [ ! -e "$STOP" ]; do
  chromium \
    --kiosk \
    --noerrdialogs \
    --disable-pinch \
    --overscroll-history-navigation=0 \
    --hide-crash-restore-bubble \
    --disable-infobars \
    --check-for-update-interval=31536000 \
    --no-first-run \
    --autoplay-policy=no-user-gesture-required \
    "$URL"
  [ -e "$STOP" ] || sleep 3
done
