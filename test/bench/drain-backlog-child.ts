// sync.drain's backlog, made in its own process as a store offline for a day made it: the process
// that drains it opens it afterwards, as a store restarted with a backlog does.
//   tsx test/bench/drain-backlog-child.ts <ledger file> <movements>
import { openSmallStore } from '../helpers/small-store';

const [file, count] = process.argv.slice(2) as [string, string];
const movement = { sku: 'SKU-OIL', qty: 1, from: 'supplier', to: 'back_room', reason: 'bench', staff: 'bench', station: 'bench' };
const offline = await openSmallStore(file);
offline.services.db.pragma('synchronous = OFF'); // making the backlog is not what is measured
offline.services.db.transaction(() => {
  for (let i = 0; i < Number(count); i++) offline.services.movements.append(movement);
})();
await offline.close();
