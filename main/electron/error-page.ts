// What the window shows when the console cannot be brought back: a static page
// with no script at all, so it cannot itself crash or call the store.

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const errorPageCsp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export interface ErrorPageText {
  title: string;
  detail: string;
  /** What staff should do next, in plain words. */
  advice: string;
}

export function errorPageHtml({ title, detail, advice }: ErrorPageText): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${errorPageCsp}">
<title>Mostrador</title>
<style>body{font-family:system-ui,sans-serif;background:#f3f5f8;color:#1d2433;margin:10vh auto;max-width:40rem;padding:0 1rem}
h1{font-size:1.5rem}pre{white-space:pre-wrap;background:#fff;padding:1rem;border-radius:.5rem}</style></head>
<body><h1>${escape(title)}</h1><p>${escape(advice)}</p><pre>${escape(detail)}</pre></body></html>`;
}

export function errorPageUrl(text: ErrorPageText): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(errorPageHtml(text))}`;
}

/** Spanish first: the console's default language at the counter. */
export function crashLoopText(what: 'window' | 'store', reason: string): ErrorPageText {
  return what === 'window'
    ? {
        title: 'La consola se ha cerrado varias veces / The console keeps crashing',
        advice: 'Cierre Mostrador y vuelva a abrirlo. Si vuelve a pasar, avise a IT. / Close and reopen Mostrador; if it happens again, call IT.',
        detail: reason,
      }
    : {
        title: 'La tienda no responde / The store core keeps stopping',
        advice:
          'Las ventas y el stock guardados están a salvo. Cierre Mostrador y vuelva a abrirlo; si vuelve a pasar, avise a IT. / Saved sales and stock are safe. Close and reopen Mostrador; if it happens again, call IT.',
        detail: reason,
      };
}
