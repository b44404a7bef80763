// The configuration as support may see it: every setting, no secret. File names
// stay (they tell IT where to look); what is in a secret file never leaves.

/** Fields that hold a secret itself, not the name of a file holding one. */
const secretField = /^(password|passphrase|pin|token|secret|key|privatekey|apikey|authorization|cookie)$|(password|token|secret|passphrase|admin_?code)$/i;
/** Certificates are public, but their contents tell support nothing a file name does not. */
const contentField = /^(ca|cert|key)$/i;

export const removed = '[removed]';

function isSecretField(name: string): boolean {
  return !/file$/i.test(name) && secretField.test(name);
}

/** A URL without the password in its user part (`mqtts://user:pass@host`). */
function withoutUrlPassword(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]*):[^/\s@]*@/gi, (_m, scheme: string, user: string) => `${scheme}${user}:${removed}@`);
}

/** A deep copy with secret fields replaced and binary contents reduced to their size. */
export function sanitizeConfig(value: unknown, field = ''): unknown {
  if (field && isSecretField(field)) return value === undefined || value === null ? value : removed;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes ${removed}]`;
  if (typeof value === 'string') return contentField.test(field) ? `[${value.length} characters ${removed}]` : withoutUrlPassword(value);
  if (Array.isArray(value)) return value.map((item) => sanitizeConfig(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeConfig(v, k)]));
  }
  return value;
}

/** The secret values a configuration holds, so they can be scrubbed from free text such as logs. */
export function secretValues(value: unknown, field = ''): string[] {
  if (typeof value === 'string') return field && (isSecretField(field) || contentField.test(field)) && value.length >= 4 ? [value] : urlPasswords(value);
  if (Buffer.isBuffer(value)) return contentField.test(field) || isSecretField(field) ? [value.toString('utf8')].filter((s) => s.length >= 4) : [];
  if (Array.isArray(value)) return value.flatMap((item) => secretValues(item));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => secretValues(v, k));
  return [];
}

function urlPasswords(text: string): string[] {
  return [...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/gi)].map((m) => m[1]!).filter((s) => s.length >= 4);
}

/** Free text with every known secret value replaced. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = withoutUrlPassword(text);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(removed);
  return out;
}
