import { cloneElement, useCallback, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { fieldProblems, type FieldProblem, type FieldRule } from './field-problems';

/** A field's name as a problem quotes it: its label without the hint in brackets. */
export const fieldName = (label: string) => label.replace(/\s*\(.*\)$/, '');

/** A field's problem, worded with its name and format, for the line beside it. */
export function FieldProblemText({ id, testId, label, problem }: { id: string; testId: string; label: string; problem: FieldProblem | undefined }): ReactNode {
  const { t, i18n } = useTranslation();
  if (!problem) return null;
  const bound = (n: number | undefined) => (n === undefined ? undefined : formatCount(n, i18n.language));
  return (
    <p className="field__problem" id={id} data-testid={testId} data-problem={problem.kind}>
      {plainT(t)(`fields.problems.${problem.kind}`, { field: fieldName(label), min: bound(problem.min), max: bound(problem.max) })}
    </p>
  );
}

/**
 * One form's own validation (the form sets noValidate): `check` words each bad field beside it and
 * moves the focus to the first; `input(field)` links a field to its problem for assistive tech;
 * `problem(field, label)` is the line to show beside it.
 */
export function useFieldProblems<F extends string>(form: string) {
  const [problems, setProblems] = useState<Partial<Record<F, FieldProblem>>>({});
  const idOf = useCallback((field: F) => `${form}-${field.replace(/[^\w-]/g, '-')}`, [form]);

  const check = (rules: Partial<Record<F, FieldRule>>): boolean => {
    const found = fieldProblems(rules);
    setProblems(found);
    const first = Object.keys(found)[0] as F | undefined;
    if (first !== undefined) document.getElementById(idOf(first))?.focus();
    return first === undefined;
  };

  /** A problem the core found in one field (its answer named the field): shown the same way. */
  const show = (field: F, problem: FieldProblem) => {
    setProblems({ [field]: problem } as Partial<Record<F, FieldProblem>>);
    document.getElementById(idOf(field))?.focus();
  };

  const input = (field: F) => ({
    id: idOf(field),
    'aria-invalid': problems[field] ? true : undefined,
    'aria-describedby': problems[field] ? `${idOf(field)}-problem` : undefined,
  });

  const problem = (field: F, label: string) => (
    <FieldProblemText id={`${idOf(field)}-problem`} testId={`${form}-problem-${field}`} label={label} problem={problems[field]} />
  );

  /** The whole field: its label, the input (given its id and links), and its problem beneath. */
  const field = (name: F, label: string, control: ReactElement<Record<string, unknown>>) => (
    <div className="field">
      <label className="field__label" htmlFor={idOf(name)}>
        {label}
      </label>
      {cloneElement(control, input(name))}
      {problem(name, label)}
    </div>
  );

  return { problems, check, show, input, problem, field, clear: () => setProblems({}) };
}
