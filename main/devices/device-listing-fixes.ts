/**
 * What IT does when a listing fails, written into the one log line it gets:
 * the console keeps running without that kind of device until the fix.
 */
export const listingFixes = {
  serial: 'Serial ports cannot be listed: check that this user may read them (Linux: the dialout group, or the udev rules in docs/deploy.md). A port can still be added by its path on the Devices page.',
  hid: 'HID POS scanners cannot be listed: install libusb (Debian/Ubuntu: apt install libusb-1.0-0) and the udev rules 60-mostrador.rules from docs/deploy.md, then restart the console.',
} as const;
export type DeviceListing = keyof typeof listingFixes;
