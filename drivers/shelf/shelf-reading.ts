// The one reading every shelf transport yields (ASCII serial, Modbus RTU, MQTT),
// so stability filtering and the shelf monitor never know where a weight came from.

export interface WeightReading {
  kind: 'weight';
  sensorId: string;
  /** Net weight on the platform as the sensor reports it (after its own zero and tare). */
  grams: number;
  /** The sensor's motion flag: true stable, false in motion, null when it has no such flag. */
  stable: boolean | null;
  /** Milliseconds since the epoch, on the receiving console's clock. */
  at: number;
}

export interface PresenceReading {
  kind: 'presence';
  sensorId: string;
  present: boolean;
  at: number;
}

/** "I am alive" from a sensor with nothing new to say. */
export interface Heartbeat {
  kind: 'heartbeat';
  sensorId: string;
  at: number;
}

/** A sensor confirming a zero or tare command. */
export interface CommandAck {
  kind: 'ack';
  sensorId: string;
  command: SensorCommand;
  at: number;
}

export type SensorCommand = 'zero' | 'tare';

export type ShelfReading = WeightReading | PresenceReading | Heartbeat | CommandAck;

/** Sensor ids are short and safe in a serial line, an MQTT topic and a log line. */
export const sensorIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
