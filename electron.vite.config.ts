import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Native modules stay external: they are loaded from node_modules (rebuilt for Electron at packaging).
const nativeExternals = ['better-sqlite3', 'serialport', 'node-hid', 'mqtt', 'ws'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/electron/main.ts'),
          // The store core's utility process (main.ts forks out/main/core-process.js).
          'core-process': resolve(__dirname, 'main/electron/core-process.ts'),
        },
        external: nativeExternals,
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        // A sandboxed preload cannot require(): bundle everything into one CommonJS file.
        output: { format: 'cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves every bundle unminified; the renderer is the one that is parsed at each start.
      minify: true,
      // ES2021 lowers class private fields (TanStack Query has them): the Electronegativity scan of
      // what ships cannot parse them, and a file it cannot read is a file nobody checked.
      target: 'es2021',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
