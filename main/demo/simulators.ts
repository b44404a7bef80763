import type { DeviceScan } from '../api/types';
import { notConfigured } from '../kernel/not-configured';

/** The demo store's simulated hardware, driven from the developer panel. */
export interface Simulators {
  printerPreview(limit: number): { receipts: string[]; inProgress: string; labels?: string[] };
  setPrinter(change: { paperOut?: boolean; coverOpen?: boolean; offline?: boolean }): { paperOut: boolean; coverOpen: boolean; offline: boolean };
  setShelfWeight(sensorId: string, grams: number): void;
  fireScan(text: string): DeviceScan;
}

const notDemo = () => notConfigured('the demo store\'s simulators');

/** Anywhere but the demo store the developer panel is refused. */
export const simulatorsNotConfigured: Simulators = {
  printerPreview: notDemo,
  setPrinter: notDemo,
  setShelfWeight: notDemo,
  fireScan: notDemo,
};
