import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';

/**
 * An in-process MQTT 3.1.1 broker on 127.0.0.1 for the demo store, so
 * `npm start` has an HQ to talk to with nothing installed or configured.
 */
export async function startEmbeddedBroker(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const broker = await Aedes.createBroker();
  const server: Server = createServer(broker.handle);
  await new Promise<void>((ready, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => ready());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((done) => {
        broker.close(() => server.close(() => done()));
      }),
  };
}
