// A virtual shelf sensor for tests and the demo store: a load cell with zero, tare
// and a motion flag, reporting over the ASCII protocol into a serial port (a socat
// pty end) or over MQTT to a broker.
import mqtt from 'mqtt';
import { SerialPort } from 'serialport';
import { createLineSplitter, decodeCommandLine, encodeReading } from './ascii-protocol';
import { decodeShelfCommand, defaultShelfPrefix } from './mqtt-shelf';
import type { SensorCommand, WeightReading } from './shelf-reading';

export interface VirtualShelfOptions {
  sensorId: string;
  /** Report the weight this often (ms); 0 reports only on change. */
  intervalMs?: number;
  /** false: a sensor with no motion flag (the console must judge stability itself). */
  motionFlag?: boolean;
}

/** The load cell itself: what lies on it, its zero and tare, whether it is moving or silent. */
class LoadCell {
  gross = 0;
  zeroAt = 0;
  tareAt = 0;
  moving = false;
  silent = false;
  constructor(readonly sensorId: string, readonly motionFlag: boolean) {}

  reading(): WeightReading {
    const grams = Math.round((this.gross - this.zeroAt - this.tareAt) * 1000) / 1000;
    return { kind: 'weight', sensorId: this.sensorId, grams, stable: this.motionFlag ? !this.moving : null, at: Date.now() };
  }

  apply(command: SensorCommand) {
    if (command === 'zero') {
      this.zeroAt = this.gross;
      this.tareAt = 0;
    } else this.tareAt = this.gross - this.zeroAt;
  }
}

export interface VirtualShelf {
  /** Puts this much on the platform (gross grams) and reports at once. */
  setWeight(grams: number): Promise<void>;
  /** Reports motion (M) until set back; the weight reported meanwhile is not stable. */
  setMotion(moving: boolean): Promise<void>;
  /** Stops every report and ignores commands, as a sensor with a cut cable; false resumes. */
  setSilent(silent: boolean): void;
  heartbeat(): Promise<void>;
  /** Commands the sensor obeyed, in order. */
  readonly commands: SensorCommand[];
  close(): Promise<void>;
}

function startReporting(intervalMs: number, report: () => Promise<void>) {
  const timer = intervalMs > 0 ? setInterval(() => void report().catch(() => {}), intervalMs) : null;
  return () => {
    if (timer) clearInterval(timer);
  };
}

/** The sensor's end of a serial line (e.g. pty end B), speaking the ASCII protocol. */
export async function openVirtualSerialShelf(
  path: string,
  { sensorId, intervalMs = 100, motionFlag = true, checksum = false }: VirtualShelfOptions & { checksum?: boolean },
): Promise<VirtualShelf & { writeRaw(bytes: Uint8Array | string): Promise<void> }> {
  const cell = new LoadCell(sensorId, motionFlag);
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
  port.on('error', () => {}); // the console's end going away is not the sensor's problem
  const write = (bytes: Uint8Array | string) =>
    new Promise<void>((done, failed) => {
      if (!port.isOpen) return done();
      port.write(bytes, (error) => (error ? failed(error) : port.drain(() => done())));
    });
  const report = () => (cell.silent ? Promise.resolve() : write(encodeReading(cell.reading(), { checksum })));
  const commands: SensorCommand[] = [];
  const splitter = createLineSplitter();
  port.on('data', (chunk: Buffer) => {
    for (const part of splitter.push(chunk)) {
      if (!('line' in part) || cell.silent) continue;
      const decoded = decodeCommandLine(part.line);
      if (!decoded.ok || decoded.value.sensorId !== sensorId) continue;
      cell.apply(decoded.value.command);
      commands.push(decoded.value.command);
      void write(encodeReading({ kind: 'ack', sensorId, command: decoded.value.command, at: Date.now() }, { checksum }))
        .then(report)
        .catch(() => {});
    }
  });
  const stop = startReporting(intervalMs, report);
  return {
    commands,
    async setWeight(grams) {
      cell.gross = grams;
      await report();
    },
    async setMotion(moving) {
      cell.moving = moving;
      await report();
    },
    setSilent(silent) {
      cell.silent = silent;
    },
    heartbeat: () => (cell.silent ? Promise.resolve() : write(encodeReading({ kind: 'heartbeat', sensorId, at: Date.now() }, { checksum }))),
    writeRaw: write,
    async close() {
      stop();
      if (port.isOpen) await new Promise<void>((done) => port.close(() => done()));
    },
  };
}

/** The same sensor publishing to a store broker (see mqtt-shelf.ts for topics and payloads). */
export async function openVirtualMqttShelf(
  url: string,
  { sensorId, intervalMs = 100, motionFlag = true, prefix = defaultShelfPrefix }: VirtualShelfOptions & { prefix?: string },
): Promise<VirtualShelf> {
  const cell = new LoadCell(sensorId, motionFlag);
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: `virtual-shelf-${sensorId}-${process.pid}`, clean: true });
  const topic = (channel: string) => `${prefix}/${sensorId}/${channel}`;
  const report = async () => {
    if (cell.silent || !client.connected) return;
    const { grams, stable } = cell.reading();
    await client.publishAsync(topic('weight'), JSON.stringify({ grams, ...(stable === null ? {} : { stable }), at: new Date().toISOString() }));
  };
  const commands: SensorCommand[] = [];
  client.on('message', (_topic, payload) => {
    const command = decodeShelfCommand(payload);
    if (!command || cell.silent) return;
    cell.apply(command);
    commands.push(command);
    void client
      .publishAsync(topic('ack'), JSON.stringify({ command }))
      .then(report)
      .catch(() => {});
  });
  await client.subscribeAsync(topic('command'), { qos: 1 });
  const stop = startReporting(intervalMs, report);
  return {
    commands,
    async setWeight(grams) {
      cell.gross = grams;
      await report();
    },
    async setMotion(moving) {
      cell.moving = moving;
      await report();
    },
    setSilent(silent) {
      cell.silent = silent;
    },
    async heartbeat() {
      if (!cell.silent) await client.publishAsync(topic('heartbeat'), JSON.stringify({ at: Date.now() }));
    },
    async close() {
      stop();
      await client.endAsync();
    },
  };
}
