/**
 * The console checks its own form fields, so no browser bubble ("Please match the requested
 * format", in English, naming no format) ever speaks for it. Each field declares the format it
 * takes; a problem is worded beside the field with the field's name and that format
 * (i18n: fields.problems.*).
 */

/** The formats a field can take, each with its own wording. */
export type FieldFormat =
  | 'id'
  | 'staffId'
  | 'pin'
  | 'text'
  | 'wholeNumber'
  | 'pairingCode'
  | 'brokerUrl'
  | 'hostUrl'
  | 'timeZone'
  | 'devicePath'
  | 'csvFile';

/** What is wrong with a field: missing, not in its format, or (for pairs) not matching. */
export type FieldProblemKind = 'required' | FieldFormat | 'pinMismatch' | 'policy';
export interface FieldProblem {
  kind: FieldProblemKind;
  /** A number's bounds, for the wording. */
  min?: number;
  max?: number;
}

export interface FieldRule {
  value: string;
  format: FieldFormat;
  /** An empty optional field is fine; a filled one must still be in its format. */
  optional?: boolean;
  min?: number;
  max?: number;
  /** For a repeated PIN: the value it must equal. */
  sameAs?: string;
}

const patterns: Partial<Record<FieldFormat, RegExp>> = {
  id: /^[A-Za-z0-9_-]{1,64}$/,
  staffId: /^[A-Za-z0-9._-]{1,64}$/,
  pin: /^\d{4,8}$/,
  text: /^[\s\S]{1,100}$/,
  pairingCode: /^\d{6}$/,
  brokerUrl: /^(mqtts?|wss?):\/\/\S+$/,
  hostUrl: /^wss:\/\/\S+$/,
  devicePath: /^\S[\s\S]{0,255}$/,
  csvFile: /\.csv$/i,
};

function problemOf(rule: FieldRule): FieldProblem | null {
  const value = rule.format === 'pin' || rule.format === 'text' ? rule.value : rule.value.trim();
  if (value.trim() === '') return rule.optional ? null : { kind: 'required' };
  if (rule.format === 'wholeNumber') {
    const min = rule.min ?? 1;
    const max = rule.max ?? 1_000_000_000;
    const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? null : { kind: 'wholeNumber', min, max };
  }
  if (!patterns[rule.format]!.test(value)) return { kind: rule.format };
  if (rule.sameAs !== undefined && value !== rule.sameAs) return { kind: 'pinMismatch' };
  return null;
}

/** Each field's problem, in the order the fields were given (the first is the one to focus). */
export function fieldProblems<F extends string>(rules: Partial<Record<F, FieldRule>>): Partial<Record<F, FieldProblem>> {
  const problems: Partial<Record<F, FieldProblem>> = {};
  for (const field of Object.keys(rules) as F[]) {
    const problem = problemOf(rules[field]!);
    if (problem) problems[field] = problem;
  }
  return problems;
}
