// What a strict Content-Security-Policy is for the console's page, shared by the check of the
// source page (unit) and of the built one (e2e, after the build).
import assert from 'node:assert/strict';

/** The meta CSP of a page, as directive → sources. */
export function metaCsp(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  return new Map(
    metas[0]![1]!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Loopback WebSocket for the browser bridge (npm run serve); Electron uses IPC and needs none. */
const bridgeSockets = new Set(['ws://127.0.0.1:*', 'ws://localhost:*']);

export function assertStrict(csp: Map<string, string[]>, where: string) {
  const defaults = csp.get('default-src');
  assert.ok(defaults && defaults.length === 1 && ["'none'", "'self'"].includes(defaults[0]!), `${where}: default-src 'none' or 'self'`);
  assert.deepEqual(csp.get('script-src'), ["'self'"], `${where}: scripts from the app only, no inline, no eval`);
  assert.equal(csp.get('base-uri')?.[0], "'none'");
  assert.equal(csp.get('form-action')?.[0], "'none'");
  for (const [directive, sources] of csp) {
    for (const source of sources) {
      assert.ok(!["'unsafe-eval'", "'unsafe-inline'", "'wasm-unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'ws:', 'wss:', 'blob:', 'filesystem:'].includes(source), `${where}: ${directive} allows ${source}`);
      const remote = /^(https?|wss?):\/\//.test(source) && !(directive === 'connect-src' && bridgeSockets.has(source));
      assert.ok(!remote, `${where}: ${directive} allows the remote origin ${source}`);
      if (source === 'data:') assert.ok(['img-src', 'font-src'].includes(directive), `${where}: data: only for images and fonts, not ${directive}`);
    }
  }
}
