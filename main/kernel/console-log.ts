/** One JSON line per entry on stderr; the Electron host swaps in a rotating file log. */
export function createConsoleLog(stream: NodeJS.WritableStream = process.stderr) {
  return (entry: Record<string, unknown>) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
}
