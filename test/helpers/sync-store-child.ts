// A store process for the HQ-link fault tests, so it can be SIGKILLed for real.
//   publish-loop: make movements as fast as possible, reporting each committed seq
//   crash-on-order: die (SIGKILL) inside the inbox transaction of the first order (after its PUBACK)
//   drain: run until HQ has acknowledged everything, then exit
import { writeSync } from 'node:fs';
import { fastLink, chain, linkedSmallStore, makeMovements } from './synced-store';

const [file, url, store, mode] = process.argv.slice(2) as [string, string, string, string];
const { core, sync } = await linkedSmallStore(
  { url, chain, store, station: 'counter-1', ...fastLink },
  {
    beforeApply: (message) => {
      if (mode === 'crash-on-order' && message.type === 'order.new') process.kill(process.pid, 'SIGKILL');
    },
  },
  file,
);
const say = (line: string) => writeSync(1, `${line}\n`);
say('ready');

if (mode === 'publish-loop') {
  const tick = () => {
    makeMovements(core, 5);
    sync.link.poke();
    say(`seq ${core.services.db.prepare('SELECT MAX(seq) FROM movements').pluck().get()}`);
    setImmediate(tick);
  };
  tick();
} else if (mode === 'drain') {
  const check = setInterval(() => {
    const status = sync.link.status();
    if (status.state === 'online' && status.backlog === 0) {
      clearInterval(check);
      say(`drained ${status.lastAckedSeq} applied ${status.appliedDseq}`);
      void sync.stop().then(() => {
        core.close();
        process.exit(0);
      });
    }
  }, 50);
}
