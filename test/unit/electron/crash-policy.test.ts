import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coreCrashPolicy, createCrashPolicy, rendererCrashPolicy } from '../../../main/electron/crash-policy';
import { crashLoopText, errorPageHtml, errorPageUrl } from '../../../main/electron/error-page';

test('a crashed renderer is reloaded at once, then after growing pauses', () => {
  const policy = createCrashPolicy(rendererCrashPolicy);
  assert.deepEqual(policy.onCrash('crashed', 0), { action: 'restart', delayMs: 0, attempt: 1 });
  assert.deepEqual(policy.onCrash('oom', 1_000), { action: 'restart', delayMs: 2_000, attempt: 2 });
  assert.deepEqual(policy.onCrash('killed', 5_000), { action: 'restart', delayMs: 10_000, attempt: 3 });
});

test('a crash loop gives up instead of spinning', () => {
  const policy = createCrashPolicy(rendererCrashPolicy);
  for (let i = 0; i < 3; i++) assert.equal(policy.onCrash('crashed', i * 1_000).action, 'restart');
  const fourth = policy.onCrash('crashed', 3_000);
  assert.equal(fourth.action, 'give-up');
  assert.match(fourth.action === 'give-up' ? fourth.reason : '', /4 crashes within 60 s/);
});

test('crashes far apart never add up to giving up', () => {
  const policy = createCrashPolicy(rendererCrashPolicy);
  for (let i = 0; i < 20; i++) {
    const decision = policy.onCrash('crashed', i * 61_000);
    assert.deepEqual(decision, { action: 'restart', delayMs: 0, attempt: 1 });
  }
  assert.equal(policy.recent(19 * 61_000 + 1), 1);
  assert.equal(policy.recent(20 * 61_000), 0);
});

test('the back-off repeats its last step; reset forgets the history', () => {
  const policy = createCrashPolicy({ maxCrashes: 10, windowMs: 1e9, backoffMs: [1, 5] });
  assert.deepEqual([1, 2, 3, 4].map((t) => policy.onCrash('crashed', t)).map((d) => (d.action === 'restart' ? d.delayMs : -1)), [1, 5, 5, 5]);
  policy.reset();
  assert.equal(policy.recent(5), 0);
  assert.equal(createCrashPolicy(coreCrashPolicy).onCrash('abnormal-exit', 0).action, 'restart');
});

test('a launch or integrity failure gives up at once; a clean exit is not restarted', () => {
  for (const reason of ['launch-failed', 'integrity-failure', 'clean-exit']) {
    assert.equal(createCrashPolicy(rendererCrashPolicy).onCrash(reason, 0).action, 'give-up', reason);
  }
});

test('the error page has no script, escapes the detail and forbids everything but its own style', () => {
  const html = errorPageHtml(crashLoopText('window', '<script>alert(1)</script> 4 crashes'));
  assert.ok(!/<script/i.test(html));
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; 4 crashes/);
  assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'/);
  assert.ok(errorPageUrl(crashLoopText('store', 'x')).startsWith('data:text/html;charset=utf-8,'));
});
