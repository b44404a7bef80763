import { z } from 'zod';

/** Store, station and chain ids end up in MQTT topics and file names: a safe alphabet, 1 to 64 long. */
export const stationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1 to 64)');
