// Audible cues made with the Web Audio API: no media files to ship. Audio may be
// blocked (no device, autoplay policy, privacy modes); a cue that cannot play is
// skipped, never an error.

type Cue = { frequency: number; ms: number; type: OscillatorType };

const cues = {
  /** A new order has arrived. */
  arrival: { frequency: 880, ms: 160, type: 'sine' },
  /** A scan was accepted. */
  accepted: { frequency: 1320, ms: 70, type: 'sine' },
  /** A scan was refused: low and harsh, told apart without looking. */
  refused: { frequency: 196, ms: 380, type: 'square' },
} as const satisfies Record<string, Cue>;

export type CueName = keyof typeof cues;

let context: AudioContext | null | undefined;

function audio(): AudioContext | null {
  if (context !== undefined) return context;
  try {
    context = typeof AudioContext === 'function' ? new AudioContext() : null;
  } catch {
    context = null;
  }
  return context;
}

export function playCue(name: CueName): void {
  const ctx = audio();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') ctx.resume().catch(() => {});
    const cue: Cue = cues[name];
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = cue.type;
    oscillator.frequency.value = cue.frequency;
    const start = ctx.currentTime;
    const end = start + cue.ms / 1000;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, end);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(end + 0.02);
  } catch {
    // No sound this time; the screen still shows what happened.
  }
}
