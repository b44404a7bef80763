import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handleNoticeRequest, type NoticeWindow } from '../../../main/electron/desktop-notices';

// Main's half of desktop notices (issue 18): only the console page may ask, only well-formed
// notices, only while the window is not focused; a click brings the window forward and tells the page.

function fakeWindow(focused: boolean) {
  const sent: unknown[][] = [];
  const calls: string[] = [];
  const window: NoticeWindow = {
    isFocused: () => focused,
    isDestroyed: () => false,
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    webContents: { send: (channel: string, ...args: unknown[]) => void sent.push([channel, ...args]) },
  };
  return { window, sent, calls };
}

test('main shows a notice for the console page in the background, and a click opens the window on it', () => {
  const created: { title: string; body: string; silent: boolean }[] = [];
  let click: (() => void) | null = null;
  const createNotice = (options: { title: string; body: string; silent: boolean }) => {
    created.push(options);
    return {
      on: (_event: 'click', listener: () => void) => (click = listener),
      show: () => {},
    };
  };
  const isAppUrl = (url: string) => url.startsWith('file:///app/');
  const background = fakeWindow(false);
  const page = { sender: background.window.webContents, senderFrame: { url: 'file:///app/index.html', parent: null } };
  const notice = { title: 'Pedido nuevo W-7', body: 'Lucía', tag: 'order:W-7' };

  assert.equal(handleNoticeRequest(page, notice, { window: background.window, isAppUrl, createNotice }), 'shown');
  assert.deepEqual(created, [{ title: 'Pedido nuevo W-7', body: 'Lucía', silent: true }], 'silent: the console plays its own cue, which policy can switch off');
  click!();
  assert.deepEqual(background.calls, ['show', 'focus']);
  assert.deepEqual(background.sent, [['mostrador:notice-click', 'order:W-7']]);

  const focused = fakeWindow(true);
  assert.equal(handleNoticeRequest({ ...page, sender: focused.window.webContents }, notice, { window: focused.window, isAppUrl, createNotice }), 'window-focused');
  assert.equal(handleNoticeRequest(page, { ...notice, tag: 'order:W 7; rm' }, { window: background.window, isAppUrl, createNotice }), 'malformed');
  assert.equal(handleNoticeRequest({ ...page, senderFrame: { url: 'https://evil.example/', parent: null } }, notice, { window: background.window, isAppUrl, createNotice }), 'refused');
  assert.equal(handleNoticeRequest(page, notice, { window: background.window, isAppUrl, createNotice: null }), 'unsupported');
  assert.equal(created.length, 1, 'only the first request showed anything');
});
