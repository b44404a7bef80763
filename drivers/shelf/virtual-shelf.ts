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

/** How a sensor variant puts its reports, acks and heartbeats on the wire. */
interface SensorLink {
  report(reading: WeightReading): Promise<void>;
  ack(command: SensorCommand): Promise<void>;
  heartbeat(): Promise<void>;
  close(): Promise<void>;
}

/** What a sensor does whatever its wire: obey commands, report on change and on a timer, go silent. */
function createSensor(cell: LoadCell, link: SensorLink) {
  const commands: SensorCommand[] = [];
  const report = () => (cell.silent ? Promise.resolve() : link.report(cell.reading()));
  return {
    /** A command from the console: applied, acknowledged, then the weight it leaves reported. */
    obey(command: SensorCommand) {
      if (cell.silent) return;
      cell.apply(command);
      commands.push(command);
      void link
        .ack(command)
        .then(report)
        .catch(() => {});
    },
    /** Starts the periodic reports; call once the variant is listening for commands. */
    start(intervalMs: number): VirtualShelf {
      const timer = intervalMs > 0 ? setInterval(() => void report().catch(() => {}), intervalMs) : null;
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
        heartbeat: () => (cell.silent ? Promise.resolve() : link.heartbeat()),
        async close() {
          if (timer) clearInterval(timer);
          await link.close();
        },
      };
    },
  };
}

/** The sensor's end of a serial line (e.g. pty end B), speaking the ASCII protocol. */
export async function openVirtualSerialShelf(
  path: string,
  { sensorId, intervalMs = 100, motionFlag = true, checksum = false }: VirtualShelfOptions & { checksum?: boolean },
): Promise<VirtualShelf & { writeRaw(bytes: Uint8Array | string): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
  port.on('error', () => {}); // the console's end going away is not the sensor's problem
  const write = (bytes: Uint8Array | string) =>
    new Promise<void>((done, failed) => {
      if (!port.isOpen) return done();
      port.write(bytes, (error) => (error ? failed(error) : port.drain(() => done())));
    });
  const sensor = createSensor(new LoadCell(sensorId, motionFlag), {
    report: (reading) => write(encodeReading(reading, { checksum })),
    ack: (command) => write(encodeReading({ kind: 'ack', sensorId, command, at: Date.now() }, { checksum })),
    heartbeat: () => write(encodeReading({ kind: 'heartbeat', sensorId, at: Date.now() }, { checksum })),
    close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
  });
  const splitter = createLineSplitter();
  port.on('data', (chunk: Buffer) => {
    for (const part of splitter.push(chunk)) {
      if (!('line' in part)) continue;
      const decoded = decodeCommandLine(part.line);
      if (decoded.ok && decoded.value.sensorId === sensorId) sensor.obey(decoded.value.command);
    }
  });
  return { ...sensor.start(intervalMs), writeRaw: write };
}

/** The same sensor publishing to a store broker (see mqtt-shelf.ts for topics and payloads). */
export async function openVirtualMqttShelf(
  url: string,
  { sensorId, intervalMs = 100, motionFlag = true, prefix = defaultShelfPrefix }: VirtualShelfOptions & { prefix?: string },
): Promise<VirtualShelf> {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: `virtual-shelf-${sensorId}-${process.pid}`, clean: true });
  const topic = (channel: string) => `${prefix}/${sensorId}/${channel}`;
  const sensor = createSensor(new LoadCell(sensorId, motionFlag), {
    async report({ grams, stable }) {
      if (!client.connected) return;
      await client.publishAsync(topic('weight'), JSON.stringify({ grams, ...(stable === null ? {} : { stable }), at: new Date().toISOString() }));
    },
    async ack(command) {
      await client.publishAsync(topic('ack'), JSON.stringify({ command }));
    },
    async heartbeat() {
      await client.publishAsync(topic('heartbeat'), JSON.stringify({ at: Date.now() }));
    },
    close: () => client.endAsync(),
  });
  client.on('message', (_topic, payload) => {
    const command = decodeShelfCommand(payload);
    if (command) sensor.obey(command);
  });
  await client.subscribeAsync(topic('command'), { qos: 1 });
  return sensor.start(intervalMs);
}
