// The store core's own process: Electron's utilityProcess in the app, a plain
// child_process.fork in tests. Usage: core-process --mostrador-data=<userDataDir>.
import { serveCore, type ParentLink } from './core-service';
import { dataFlag, type FromCore } from './core-protocol';
import { takeDataKeyFromEnv } from '../secrets/data-key-cipher';

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;

function linkToParent(): ParentLink {
  if (parentPort) {
    return {
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      post: (m: FromCore) => parentPort.postMessage(m),
      // postMessage has no completion callback: give the last message a moment to leave.
      exit: (code) => void setTimeout(() => process.exit(code), 100),
    };
  }
  if (process.send) {
    const send = process.send.bind(process);
    let unsent = 0;
    let exitCode: number | null = null;
    const exitWhenFlushed = () => {
      if (exitCode !== null && unsent === 0) process.exit(exitCode);
    };
    return {
      onMessage: (listener) => process.on('message', listener),
      post: (m: FromCore) => {
        unsent++;
        send(m, undefined, {}, () => {
          unsent--;
          exitWhenFlushed();
        });
      },
      exit: (code) => {
        exitCode = code;
        exitWhenFlushed();
      },
    };
  }
  throw new Error('core-process runs as a utility process or a forked child, not on its own');
}

const link = linkToParent();
const userDataDir = process.argv.find((arg) => arg.startsWith(dataFlag))?.slice(dataFlag.length);
if (!userDataDir) {
  link.post({ push: 'fatal', payload: { message: 'core-process: no user data folder given' } });
  link.exit(2);
} else {
  // Taken before anything else runs, so no child process inherits the key.
  const cipher = takeDataKeyFromEnv(process.env);
  void serveCore(link, { userDataDir, env: process.env, cipher });
}

// A crash here is main's to see and restart; say why first, then go.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    link.post({ push: 'log', payload: { level: 'fatal', msg: `core process ${event}`, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } });
    link.exit(70);
  });
}
