// AIM symbology identifiers (ISO/IEC 15424): "]" + symbology letter + modifier,
// which a scanner can put before the data. The identifier is the only reliable
// sign that a payload is a GS1 element string (FNC1 in first position is never
// transmitted as a character), so it is read before anything else.

export interface SymbologyInfo {
  name: string;
  /** The payload is a GS1 element string: FNC1 in first position is implied. */
  gs1: boolean;
}

// Keyed by the two characters after "]". A modifier that changes only how the
// scanner checked the symbol (check digit verified or not) keeps the name.
const identifiers: Readonly<Record<string, SymbologyInfo>> = {
  A0: { name: 'Code 39', gs1: false },
  A1: { name: 'Code 39', gs1: false },
  A3: { name: 'Code 39', gs1: false },
  A4: { name: 'Code 39', gs1: false },
  A7: { name: 'Code 39', gs1: false },
  C0: { name: 'Code 128', gs1: false },
  C1: { name: 'GS1-128', gs1: true },
  C2: { name: 'Code 128', gs1: false },
  C4: { name: 'Code 128', gs1: false },
  E0: { name: 'EAN-13', gs1: false }, // also UPC-A and UPC-E, sent as 13 digits
  E1: { name: 'EAN/UPC add-on', gs1: false },
  E2: { name: 'EAN/UPC add-on', gs1: false },
  E3: { name: 'EAN-13 with add-on', gs1: false },
  E4: { name: 'EAN-8', gs1: false },
  e0: { name: 'GS1 DataBar', gs1: true },
  e1: { name: 'GS1 Composite', gs1: true },
  e2: { name: 'GS1 Composite', gs1: true },
  F0: { name: 'Codabar', gs1: false },
  F1: { name: 'Codabar', gs1: false },
  I0: { name: 'ITF', gs1: false },
  I1: { name: 'ITF', gs1: false }, // check digit verified: how ITF-14 arrives
  I3: { name: 'ITF', gs1: false },
  J0: { name: 'DotCode', gs1: false },
  J1: { name: 'GS1 DotCode', gs1: true },
  L0: { name: 'PDF417', gs1: false },
  L1: { name: 'PDF417', gs1: false },
  L2: { name: 'PDF417', gs1: false },
  d0: { name: 'Data Matrix', gs1: false },
  d1: { name: 'Data Matrix', gs1: false },
  d2: { name: 'GS1 DataMatrix', gs1: true },
  d3: { name: 'Data Matrix', gs1: false },
  d4: { name: 'Data Matrix', gs1: false },
  d5: { name: 'GS1 DataMatrix', gs1: true },
  d6: { name: 'Data Matrix', gs1: false },
  Q0: { name: 'QR Code', gs1: false },
  Q1: { name: 'QR Code', gs1: false },
  Q2: { name: 'QR Code', gs1: false },
  Q3: { name: 'GS1 QR Code', gs1: true },
  Q4: { name: 'GS1 QR Code', gs1: true },
  Q5: { name: 'QR Code', gs1: false },
  Q6: { name: 'QR Code', gs1: false },
  z0: { name: 'Aztec', gs1: false },
  z3: { name: 'Aztec', gs1: false },
};

const gs1Names = new Set(Object.values(identifiers).filter((i) => i.gs1).map((i) => i.name));
const plainNames = new Set(Object.values(identifiers).filter((i) => !i.gs1).map((i) => i.name));

export type AimPrefixResult =
  | {
      /** The three characters, e.g. "]C1"; null when the data carried none. */
      identifier: string;
      /** Null for a well-formed identifier this table does not know. */
      symbology: SymbologyInfo | null;
      payload: string;
    }
  | { identifier: null; symbology: null; payload: string };

/** Splits an optional AIM identifier off the front of scanned data. */
export function parseAimPrefix(data: string): AimPrefixResult {
  const match = /^\](?<code>[A-Za-z][0-9A-Za-z])/.exec(data);
  if (!match) return { identifier: null, symbology: null, payload: data };
  const code = match.groups!.code!;
  return { identifier: match[0], symbology: Object.hasOwn(identifiers, code) ? identifiers[code]! : null, payload: data.slice(3) };
}

/** Whether a symbology name is one this table knows never to carry a GS1 element string (a QR Code, not a GS1 QR Code). */
export function isPlainSymbology(name: string | null): boolean {
  return name !== null && plainNames.has(name);
}

/** Whether a symbology name (as parseAimPrefix gives it) always carries a GS1 element string. */
export function isGs1Symbology(name: string | null): boolean {
  return name !== null && gs1Names.has(name);
}
