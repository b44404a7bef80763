import { demoGtin13 } from './demo-catalog';
import type { TillReceipt, TillReply } from '../tills/till-receipt';

export const demoTillId = 'demo-till';

export interface DemoTillOptions {
  /** The till endpoint's receipts URL (main/tills/till-endpoint.ts). */
  url: string;
  token: string;
  everyMs: number;
  log: (entry: Record<string, unknown>) => void;
  random?: () => number;
}

/**
 * A point-of-sale ringing up a sale now and then, as a real till would: over
 * HTTP with its bearer token, scanning GTINs. Every eighth receipt is a return.
 */
export function startDemoTill({ url, token, everyMs, log, random = Math.random }: DemoTillOptions): { stop(): void } {
  let count = 0;
  // Products 1–120 of the demo catalog; every 17th starts with no stock at all.
  const pick = () => {
    const index = 1 + Math.floor(random() * 120);
    return index % 17 === 0 ? index + 1 : index;
  };
  const post = async () => {
    count += 1;
    const type = count % 8 === 0 ? 'return' : 'sale';
    const lines = Array.from({ length: type === 'return' ? 1 : 1 + Math.floor(random() * 2) }, () => ({ type, gtin: demoGtin13(pick()), qty: 1 }) as const);
    const receipt: TillReceipt = { receiptId: `demo-${Date.now()}-${count}`, till: demoTillId, at: new Date().toISOString(), lines };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(receipt),
        signal: AbortSignal.timeout(10_000),
      });
      const reply = (await response.json()) as TillReply;
      if (!reply.ok) log({ level: 'warn', msg: 'demo till: receipt refused', receiptId: receipt.receiptId, code: reply.error.code, reason: reply.error.message });
    } catch (error) {
      log({ level: 'warn', msg: 'demo till: post failed', receiptId: receipt.receiptId, err: (error as Error).message });
    }
  };
  const timer = setInterval(() => void post(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
