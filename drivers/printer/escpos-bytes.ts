// The few ESC/POS byte values more than one module needs to name.
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const DC4 = 0x14;
export const LF = 0x0a;

/** DLE EOT n: a real-time status request; the printer answers one byte even while busy. */
export const dleEot = (n: 1 | 2 | 3 | 4) => Uint8Array.of(DLE, EOT, n);

/** GS a n: Automatic Status Back; the printer sends 4 bytes whenever an enabled status changes. */
export const enableAsb = (mask = 0xff) => Uint8Array.of(GS, 0x61, mask);

/**
 * GS ( H fn=48: "process ID response". Unlike DLE EOT it waits its turn: the
 * printer answers 0x37 0x22 d1..d4 0x00 only once everything before it has
 * printed, so it is what tells us a job really came out. The id is 4 digits.
 */
export const processIdRequest = (id: string) => Uint8Array.of(GS, 0x28, 0x48, 6, 0, 0x30, 0x30, ...[...id.padStart(4, '0').slice(-4)].map((c) => c.charCodeAt(0)));
export const processIdReply = (id: string) => Uint8Array.of(0x37, 0x22, ...[...id].map((c) => c.charCodeAt(0)), 0x00);

/** Byte pairs that start a drawer kick or a cut, for checking what a layout may emit. */
export const drawerKickPrefixes = [Uint8Array.of(ESC, 0x70), Uint8Array.of(DLE, DC4)] as const;
export const cutPrefixes = [Uint8Array.of(GS, 0x56)] as const;

export function countOccurrences(haystack: Uint8Array, needle: Uint8Array): number {
  let count = 0;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    count++;
  }
  return count;
}
