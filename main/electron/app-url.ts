import { pathToFileURL } from 'node:url';

export interface AppLocation {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), in development only. */
  devServerUrl?: string | undefined;
  /** out/renderer/index.html, loaded with loadFile() in a build. */
  rendererIndexPath: string;
}

/**
 * Whether a URL is this app's own page: the dev server's origin in development,
 * otherwise exactly the built index.html (any query or fragment). Everything
 * else, including other file:// pages, is foreign.
 */
export function createAppUrlCheck({ devServerUrl, rendererIndexPath }: AppLocation): (url: string) => boolean {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return (url) => parse(url)?.origin === origin;
  }
  const index = pathToFileURL(rendererIndexPath);
  return (url) => {
    const parsed = parse(url);
    return parsed !== null && parsed.protocol === 'file:' && parsed.host === index.host && parsed.pathname === index.pathname;
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
