// The node build: Bundler resolution would otherwise pick the browser typings.
import bwipjs from 'bwip-js/node';

/** A 1-bit image in the RGBA shape the encoder's image() takes; sides are multiples of 8. */
export interface RasterImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const roundUp8 = (n: number) => Math.ceil(n / 8) * 8;

function blank(width: number, height: number): RasterImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4).fill(255) };
}

function paint(image: RasterImage, x: number, y: number) {
  const i = (y * image.width + x) * 4;
  image.data[i] = image.data[i + 1] = image.data[i + 2] = 0;
}

/**
 * Draws a symbology the printer lacks as dots, with bwip-js's raw module pattern:
 * bar/space widths for linear codes, a module grid for 2D ones. No fonts, no PNG
 * round trip; the human-readable digits are printed as text by the layout.
 */
export function rasterBarcode(bcid: string, text: string, { module = 2, height = 80 }: { module?: number; height?: number } = {}): RasterImage {
  const [symbol] = bwipjs.raw(bcid, text, {});
  if (!symbol) throw new Error(`bwip-js drew nothing for ${bcid}`);
  if ('sbs' in symbol) {
    const modules = symbol.sbs.reduce((sum, w) => sum + w, 0);
    const quiet = 10 * module;
    const image = blank(roundUp8(modules * module + 2 * quiet), roundUp8(height));
    let x = quiet;
    symbol.sbs.forEach((w, i) => {
      // sbs alternates bar, space, bar… starting with a bar.
      if (i % 2 === 0) for (let dx = 0; dx < w * module; dx++) for (let y = 0; y < height; y++) paint(image, x + dx, y);
      x += w * module;
    });
    return image;
  }
  const scale = Math.max(module, 4);
  const quiet = 2 * scale;
  const image = blank(roundUp8(symbol.pixx * scale + 2 * quiet), roundUp8(symbol.pixy * scale + 2 * quiet));
  for (let my = 0; my < symbol.pixy; my++)
    for (let mx = 0; mx < symbol.pixx; mx++)
      if (symbol.pixs[my * symbol.pixx + mx])
        for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) paint(image, quiet + mx * scale + dx, quiet + my * scale + dy);
  return image;
}
