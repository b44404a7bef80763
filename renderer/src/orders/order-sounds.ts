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
  /** The scan completed its line: the accepted tone, then a fifth above. */
  lineComplete: [
    { frequency: 1320, ms: 70, type: 'sine' },
    { frequency: 1980, ms: 140, type: 'sine' },
  ],
  /** The line was already complete: not an error, so softer than a refusal; two short mid beeps. */
  alreadyComplete: [
    { frequency: 523, ms: 90, type: 'triangle' },
    { frequency: 523, ms: 90, type: 'triangle' },
  ],
} as const satisfies Record<string, Cue | readonly Cue[]>;

export type CueName = keyof typeof cues;

/**
 * The cues played, newest last (a few kept): the screen's tests read them from
 * `window.__mostradorCues` to tell the three scan outcomes apart by sound.
 */
const lastCues: CueName[] = [];
(globalThis as { __mostradorCues?: CueName[] }).__mostradorCues = lastCues;

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
  lastCues.push(name);
  if (lastCues.length > 20) lastCues.splice(0, lastCues.length - 20);
  const ctx = audio();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') ctx.resume().catch(() => {});
    const tones: readonly Cue[] = Array.isArray(cues[name]) ? (cues[name] as readonly Cue[]) : [cues[name] as Cue];
    let start = ctx.currentTime;
    for (const tone of tones) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = tone.type;
      oscillator.frequency.value = tone.frequency;
      const end = start + tone.ms / 1000;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, end);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(start);
      oscillator.stop(end + 0.02);
      start = end + 0.04;
    }
  } catch {
    // No sound this time; the screen still shows what happened.
  }
}
