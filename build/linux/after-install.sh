#!/bin/sh
# postinst of Mostrador's .deb (deb.afterInstall in electron-builder.ts).
#
# It replaces electron-builder's default after-install script, so it first does what that script
# does (the command on the PATH, Chromium's sandbox, the desktop databases, the AppArmor profile),
# then Mostrador's own steps: load build/linux/60-mostrador.rules (shipped to /etc/udev/rules.d/)
# and give the station's staff accounts the groups those rules grant.
#
# electron-builder fills in its placeholders (dollar sign, brace, letters only) before packaging
# and fails on any it does not know, so every shell variable below is written without braces.
#
# dpkg runs this again on every upgrade and `dpkg --configure`: each step checks before it changes
# anything. No step may fail the installation, because a half-configured package blocks apt on an
# unattended station; failures are reported and skipped.

APP_DIR='/opt/${sanitizedProductName}'
EXE='${executable}'

# --- What electron-builder's own script does ---------------------------------------------------

# The command on the PATH, through alternatives where the system has them.
if command -v update-alternatives >/dev/null 2>&1; then
  # A plain link left by an older package would make update-alternatives refuse.
  if [ -L "/usr/bin/$EXE" ] && [ "$(readlink "/usr/bin/$EXE")" != "/etc/alternatives/$EXE" ]; then
    rm -f "/usr/bin/$EXE"
  fi
  update-alternatives --install "/usr/bin/$EXE" "$EXE" "$APP_DIR/$EXE" 100 || ln -sf "$APP_DIR/$EXE" "/usr/bin/$EXE"
else
  ln -sf "$APP_DIR/$EXE" "/usr/bin/$EXE"
fi

# Chromium sandboxes renderers with user namespaces; only where the kernel has none does it need
# the setuid helper, so the helper is setuid only then.
if [ -L /proc/self/ns/user ] && unshare --user true >/dev/null 2>&1; then
  chmod 0755 "$APP_DIR/chrome-sandbox" || true
else
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi

if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime || true; fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database /usr/share/applications || true; fi

# Ubuntu 24.04 and later allow user namespaces only to profiled programs: without this profile the
# sandbox above cannot start. Installed only where AppArmor accepts it (22.04 does not know abi/4.0).
if command -v apparmor_status >/dev/null 2>&1 && apparmor_status --enabled >/dev/null 2>&1; then
  PROFILE="$APP_DIR/resources/apparmor-profile"
  if apparmor_parser --skip-kernel-load --debug "$PROFILE" >/dev/null 2>&1; then
    cp -f "$PROFILE" "/etc/apparmor.d/$EXE"
    # Loading a profile means nothing inside a chroot (for example while building a station image).
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
      apparmor_parser --replace --write-cache --skip-read-cache "/etc/apparmor.d/$EXE" || true
    fi
  else
    echo "mostrador: this AppArmor does not accept the bundled profile; skipped"
  fi
fi

# --- Mostrador's devices ------------------------------------------------------------------------

# Apply 60-mostrador.rules to devices already plugged in, so nobody has to replug a scanner.
# /run/udev is absent in containers and chroots, where there is no udev to ask.
if [ -d /run/udev ] && command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || echo "mostrador: udevadm could not reload the rules; they apply after a reboot"
  udevadm trigger --action=change --subsystem-match=tty --subsystem-match=hidraw --subsystem-match=usbmisc || true
fi

# Who operates the console. The rules give serial adapters to "dialout" and usblp receipt printers
# to "lp"; HID scanners also carry TAG+="uaccess", so the user at the seat gets them without a
# group, and "plugdev" is left alone.
#  - If IT lists the accounts in /etc/mostrador/device-users (names separated by spaces or new
#    lines, "#" starts a comment), exactly those accounts.
#  - Otherwise the administrator who ran the install through sudo or pkexec, and every regular
#    login account (UID_MIN..UID_MAX of /etc/login.defs, with a login shell): the desktop users.
#    System accounts and root are never touched.
# Membership takes effect at the user's next login.
console_users() {
  if [ -r /etc/mostrador/device-users ]; then
    sed 's/#.*//' /etc/mostrador/device-users | tr -s ' \t' '\n\n'
    return
  fi
  uid_min=$(awk '$1 == "UID_MIN" { print $2 }' /etc/login.defs 2>/dev/null)
  uid_max=$(awk '$1 == "UID_MAX" { print $2 }' /etc/login.defs 2>/dev/null)
  [ -n "$uid_min" ] || uid_min=1000
  [ -n "$uid_max" ] || uid_max=60000
  getent passwd | awk -F: -v min="$uid_min" -v max="$uid_max" \
    '$3 >= min && $3 <= max && $7 !~ /(nologin|false)$/ { print $1 }'
  if [ -n "$SUDO_USER" ]; then echo "$SUDO_USER"; fi
  if [ -n "$PKEXEC_UID" ]; then getent passwd "$PKEXEC_UID" | cut -d: -f1; fi
}

for group in dialout lp; do
  if ! getent group "$group" >/dev/null 2>&1; then
    # Debian and Ubuntu always have both; a derivative without one gets it as a system group.
    groupadd --system "$group" || { echo "mostrador: could not create group $group"; continue; }
  fi
  for user in $(console_users | sort -u); do
    if [ "$user" = root ] || ! id "$user" >/dev/null 2>&1; then continue; fi
    if id -nG "$user" | tr ' ' '\n' | grep -qx "$group"; then continue; fi
    if usermod -a -G "$group" "$user"; then
      echo "mostrador: added $user to $group (takes effect at the next login)"
    else
      echo "mostrador: could not add $user to $group"
    fi
  done
done

exit 0
