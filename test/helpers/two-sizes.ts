import type { ConsoleUnderTest } from './console-under-test';

/** The two screens the console must hold at (issue 18): a common laptop and the narrowest counter screen. */
export const screenSizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

/** Screenshots of the page as it stands at both sizes, named `<name>-<width>x<height>`; the viewport is put back after. */
export async function screenshotAtBothSizes(ui: ConsoleUnderTest, name: string): Promise<void> {
  const before = ui.page.viewportSize();
  for (const size of screenSizes) {
    await ui.page.setViewportSize(size);
    await ui.screenshot(`${name}-${size.width}x${size.height}`);
  }
  if (before) await ui.page.setViewportSize(before);
}
