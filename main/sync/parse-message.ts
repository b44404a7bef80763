import type { z } from 'zod';

/** Bytes off the wire through JSON and a schema; null for anything that is not a valid message. */
export function parseMessage<T extends z.ZodType>(schema: T, payload: Buffer): z.infer<T> | null {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
