import type { z } from 'zod';
import type { ApiError } from '../../../main/api/result';
import type { FieldProblemKind } from '../forms/field-problems';

/** The wizard's fields, named as the core's schemas name them (an issue's path joined with "."). */
export const setupFields = ['chain', 'store', 'station', 'timeZone', 'hq.url', 'hq.username', 'hq.password', 'admin.id', 'admin.name', 'admin.pin', 'pinAgain', 'host'] as const;
export type SetupField = (typeof setupFields)[number];

/** What is wrong with a field, worded as every form's problems are (fields.problems.*). */
export type SetupProblem = Extract<FieldProblemKind, 'required' | 'id' | 'timeZone' | 'brokerUrl' | 'hostUrl' | 'pin' | 'text' | 'pinMismatch' | 'policy'>;
export type SetupProblems = Partial<Record<SetupField, SetupProblem>>;

const formatOf: Record<SetupField, SetupProblem> = {
  chain: 'id',
  store: 'id',
  station: 'id',
  timeZone: 'timeZone',
  'hq.url': 'brokerUrl',
  'hq.username': 'text',
  'hq.password': 'text',
  'admin.id': 'id',
  'admin.name': 'text',
  'admin.pin': 'pin',
  pinAgain: 'pin',
  host: 'hostUrl',
};

const isSetupField = (name: string): name is SetupField => (setupFields as readonly string[]).includes(name);

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), input);

/**
 * Checks what the wizard is about to send with the core's own schema, so the console words each
 * problem itself, beside its field, before the core sees it: an empty field is missing, anything
 * else is in the wrong format for that field. Problems on fields the wizard does not show are left
 * to the core's answer.
 */
export function setupProblems(schema: z.ZodType, input: unknown): SetupProblems {
  const parsed = schema.safeParse(input);
  const problems: SetupProblems = {};
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    if (!isSetupField(field) || problems[field]) continue;
    const value = valueAt(input, issue.path);
    problems[field] = typeof value !== 'string' || value.trim() === '' ? 'required' : formatOf[field];
  }
  return problems;
}

/**
 * The core's refusal of a field ("hq.url: must be an mqtt://… URL", or a value IT's policy file
 * fixes) as the same translated problem, so its English never reaches the screen.
 */
export function setupProblemOf(error: ApiError): { field: SetupField; problem: SetupProblem } | null {
  if (error.code !== 'VALIDATION') return null;
  const named = typeof error.details?.field === 'string' ? error.details.field : /^([\w.]+):/.exec(error.message)?.[1];
  if (!named || !isSetupField(named)) return null;
  return { field: named, problem: /policy/i.test(error.message) ? 'policy' : formatOf[named] };
}
