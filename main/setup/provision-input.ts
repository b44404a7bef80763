import { z } from 'zod';
import { stationIdSchema } from './station-id';
import { deviceRoles } from '../devices/device-identity';

// What the first-run wizard sends: checked here, at the boundary, and again by provisionStore.
const id = stationIdSchema;

export const provisionInputSchema = z
  .object({
    store: id,
    station: id,
    chain: id,
    /** null: the store starts offline and IT adds the broker later. */
    hq: z
      .object({
        url: z.string().regex(/^(mqtts?|wss?):\/\/[^\s]+$/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL'),
        username: z.string().min(1).max(128).optional(),
        password: z.string().min(1).max(256).optional(),
      })
      .strict()
      .nullable(),
    /** The first person who can sign in: an admin. */
    admin: z
      .object({
        id: id,
        name: z.string().trim().min(1).max(100),
        pin: z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits'),
      })
      .strict(),
    devices: z.array(z.object({ identity: z.string().min(1).max(300), role: z.enum(deviceRoles) }).strict()).max(50).default([]),
  })
  .strict();
export type ProvisionInput = z.input<typeof provisionInputSchema>;
