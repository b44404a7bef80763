import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldProblems } from '../../../renderer/src/forms/field-problems';
import { en } from '../../../renderer/src/i18n/en';
import { es } from '../../../renderer/src/i18n/es';

test('a form field is missing, out of its format, out of its bounds, or fine; the first problem comes first', () => {
  const problems = fieldProblems({
    code: { value: '  ', format: 'text' },
    units: { value: '2.5', format: 'wholeNumber', min: 1, max: 10 },
    pairing: { value: '12345', format: 'pairingCode' },
    staff: { value: 'ana garcía', format: 'staffId' },
    again: { value: '1234', format: 'pin', sameAs: '1235' },
    note: { value: '', format: 'text', optional: true },
    qty: { value: '7', format: 'wholeNumber', min: 1, max: 10 },
    file: { value: 'stock.xlsx', format: 'csvFile' },
  });
  assert.deepEqual(problems, {
    code: { kind: 'required' },
    units: { kind: 'wholeNumber', min: 1, max: 10 },
    pairing: { kind: 'pairingCode' },
    staff: { kind: 'staffId' },
    again: { kind: 'pinMismatch' },
    file: { kind: 'csvFile' },
  });
  assert.equal(Object.keys(problems)[0], 'code');
  assert.deepEqual(fieldProblems({ units: { value: '11', format: 'wholeNumber', min: 1, max: 10 } }), { units: { kind: 'wholeNumber', min: 1, max: 10 } });
});

test('every problem a field can have is worded in both languages, naming the field', () => {
  const kinds = ['required', 'id', 'staffId', 'pin', 'text', 'wholeNumber', 'pairingCode', 'brokerUrl', 'hostUrl', 'timeZone', 'devicePath', 'csvFile', 'pinMismatch', 'policy'];
  for (const messages of [es.fields.problems, en.fields.problems] as Record<string, string>[]) {
    assert.deepEqual(Object.keys(messages).sort(), [...kinds].sort());
    for (const kind of kinds) assert.match(messages[kind]!, /\{\{field\}\}/, kind);
  }
});
