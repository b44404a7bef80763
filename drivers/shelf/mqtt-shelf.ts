// Shelf sensors that publish to the store's own broker (not HQ's).
//
//   <prefix>/<sensorId>/weight     {"grams": 1520.5, "stable": true, "at": "2026-05-01T10:00:00Z"}
//   <prefix>/<sensorId>/presence   {"present": true, "at": …}
//   <prefix>/<sensorId>/heartbeat  {"at": …} or an empty payload
//   <prefix>/<sensorId>/ack        {"command": "zero" | "tare"}
//   <prefix>/<sensorId>/command    {"command": "zero" | "tare"}   (console → sensor)
//
// `stable` is optional (a sensor without a motion flag omits it); `at` is optional, an ISO
// time or epoch milliseconds, and only used to refuse stale messages (a retained weight from
// yesterday is not stock). Readings carry the console's receive time.
import mqtt, { type MqttClient } from 'mqtt';
import { z } from 'zod';
import { DeviceLifecycle, type DeviceEvents } from '../device-lifecycle';
import { sensorIdPattern, type SensorCommand, type ShelfReading } from './shelf-reading';

export const defaultShelfPrefix = 'shelf';

const sentAt = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })]).optional();
const command = z.enum(['zero', 'tare']);
const payloads = {
  weight: z.object({ grams: z.number().finite().min(-1e7).max(1e7), stable: z.boolean().optional(), at: sentAt }),
  presence: z.object({ present: z.boolean(), at: sentAt }),
  heartbeat: z.object({ at: sentAt }),
  ack: z.object({ command, at: sentAt }),
};
type Channel = keyof typeof payloads;
const isChannel = (name: string): name is Channel => Object.hasOwn(payloads, name);

export type MqttShelfError =
  | { reason: 'bad-topic'; topic: string }
  | { reason: 'bad-json'; topic: string }
  | { reason: 'bad-payload'; topic: string; issues: string }
  | { reason: 'stale'; topic: string; ageMs: number };

export type MqttShelfResult = { ok: true; reading: ShelfReading } | { ok: false; error: MqttShelfError };

/** One message to a reading or a typed error. Pure; never throws. */
export function decodeShelfMessage(
  topic: string,
  payload: Uint8Array,
  receivedAt: number,
  { prefix = defaultShelfPrefix, maxAgeMs = 60_000 } = {},
): MqttShelfResult {
  const parts = topic.split('/');
  const [head, sensorId = '', channel = ''] = parts;
  if (parts.length !== 3 || head !== prefix || !sensorIdPattern.test(sensorId) || !isChannel(channel)) {
    return { ok: false, error: { reason: 'bad-topic', topic: topic.slice(0, 200) } };
  }
  let json: unknown = {};
  const text = Buffer.from(payload).toString('utf8').trim();
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: { reason: 'bad-json', topic } };
    }
  }
  const at = receivedAt;
  switch (channel) {
    case 'weight':
      return accept(payloads.weight, json, topic, receivedAt, maxAgeMs, ({ grams, stable }) => ({ kind: 'weight', sensorId, grams, stable: stable ?? null, at }));
    case 'presence':
      return accept(payloads.presence, json, topic, receivedAt, maxAgeMs, ({ present }) => ({ kind: 'presence', sensorId, present, at }));
    case 'ack':
      return accept(payloads.ack, json, topic, receivedAt, maxAgeMs, ({ command }) => ({ kind: 'ack', sensorId, command, at }));
    case 'heartbeat':
      return accept(payloads.heartbeat, json, topic, receivedAt, maxAgeMs, () => ({ kind: 'heartbeat', sensorId, at }));
  }
}

/** Validates a payload, refuses it when stale, and builds its reading. */
function accept<S extends z.ZodType<{ at?: string | number | undefined }>>(
  schema: S,
  json: unknown,
  topic: string,
  receivedAt: number,
  maxAgeMs: number,
  build: (data: z.output<S>) => ShelfReading,
): MqttShelfResult {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, error: { reason: 'bad-payload', topic, issues: issues.slice(0, 300) } };
  }
  const sent = parsed.data.at;
  if (sent !== undefined) {
    const ageMs = receivedAt - (typeof sent === 'number' ? sent : Date.parse(sent));
    if (ageMs > maxAgeMs) return { ok: false, error: { reason: 'stale', topic, ageMs } };
  }
  return { ok: true, reading: build(parsed.data) };
}

/** A command message to the sensor (the simulator's side), or null when it is not one. */
export function decodeShelfCommand(payload: Uint8Array): SensorCommand | null {
  try {
    const parsed = z.object({ command }).safeParse(JSON.parse(Buffer.from(payload).toString('utf8')));
    return parsed.success ? parsed.data.command : null;
  } catch {
    return null;
  }
}

export interface MqttShelfOptions {
  /** The store-local broker, e.g. mqtt://127.0.0.1:1883. */
  url: string;
  prefix?: string;
  maxAgeMs?: number;
  clientId?: string;
  username?: string;
  password?: string;
  now?: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

type Events = DeviceEvents<ShelfReading> & { reject: [MqttShelfError] };

/** Every shelf sensor on the store broker, as one source of readings. */
export class MqttShelfSensors extends DeviceLifecycle<Events> {
  private client: MqttClient | null = null;
  private readonly rejected = new Map<MqttShelfError['reason'], number>();
  private accepted = 0;

  constructor(private readonly options: MqttShelfOptions) {
    super();
  }

  /** Accepted readings and refused messages by reason. */
  stats(): { accepted: number; rejected: Partial<Record<MqttShelfError['reason'], number>> } {
    return { accepted: this.accepted, rejected: Object.fromEntries(this.rejected) };
  }

  async open(): Promise<void> {
    const prefix = this.options.prefix ?? defaultShelfPrefix;
    // Kept before it connects, so a close() that comes first still ends it (and its reconnect timer).
    const client = mqtt.connect(this.options.url, {
      protocolVersion: 4,
      clientId: this.options.clientId ?? `mostrador-shelves-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      clean: true,
      reconnectPeriod: 1000,
      ...(this.options.username ? { username: this.options.username } : {}),
      ...(this.options.password ? { password: this.options.password } : {}),
    });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('offline', () => this.setStatus('offline'));
    client.on('error', (error) => this.emit('error', { locus: 'broker', message: error.message }));
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        client.off('connect', onConnect);
        client.off('error', onError);
        client.off('end', onEnd);
        if (error) reject(error);
        else resolve();
      };
      const onConnect = () => settle();
      const onError = (error: Error) => settle(error);
      const onEnd = () => settle(new Error('shelf sensors closed before the broker answered'));
      client.on('connect', onConnect);
      client.on('error', onError);
      client.on('end', onEnd);
    });
    client.on('connect', () => this.setStatus('online'));
    await client.subscribeAsync((['weight', 'presence', 'heartbeat', 'ack'] as const).map((c) => `${prefix}/+/${c}`), { qos: 0 });
    this.setStatus('online');
  }

  /** Asks one sensor to zero or tare; its ack arrives as a reading. */
  async command(sensorId: string, command: SensorCommand): Promise<void> {
    if (!this.client) throw new Error('shelf sensors are not open');
    await this.client.publishAsync(`${this.options.prefix ?? defaultShelfPrefix}/${sensorId}/command`, JSON.stringify({ command }), { qos: 1 });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    // Forced: a broker that is gone must not hold the console's shutdown.
    if (client) await client.endAsync(true);
    this.setStatus('closed');
  }

  private onMessage(topic: string, payload: Buffer) {
    const result = decodeShelfMessage(topic, payload, (this.options.now ?? Date.now)(), {
      prefix: this.options.prefix ?? defaultShelfPrefix,
      maxAgeMs: this.options.maxAgeMs ?? 60_000,
    });
    if (result.ok) {
      this.accepted++;
      this.emit('data', result.reading);
      return;
    }
    this.rejected.set(result.error.reason, (this.rejected.get(result.error.reason) ?? 0) + 1);
    this.options.log?.({ level: 'warn', msg: 'shelf message refused', ...result.error });
    this.emit('reject', result.error);
  }
}
