// Module hooks that answer `import … from 'electron'` with the stand-in, so the
// real secure-window.ts, preload and main.ts run under plain Node. The stand-in
// is resolved through the next hook (tsx), which then compiles it.
const standIn = new URL('./electron-stand-in.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  return next(specifier === 'electron' ? standIn : specifier, context);
}
