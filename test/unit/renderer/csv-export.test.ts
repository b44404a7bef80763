import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv } from '../../../renderer/src/kpis/csv-export';

test('a chart exports as RFC 4180 CSV: header first, CRLF, quotes where needed, numbers as numbers, empty for none', () => {
  const csv = toCsv(['Día', 'Motivo', 'Unidades', 'Porcentaje'], [
    ['2026-01-10', 'Dañado', 2, 12.5],
    ['2026-01-11', 'talla, "grande"', 0, null],
    ['2026-01-12', 'dos\nlíneas', 3, Number.NaN],
  ]);
  assert.equal(csv, 'Día,Motivo,Unidades,Porcentaje\r\n2026-01-10,Dañado,2,12.5\r\n2026-01-11,"talla, ""grande""",0,\r\n2026-01-12,"dos\nlíneas",3,\r\n');
});

test('text a spreadsheet would run as a formula is neutralised; negative numbers stay numbers', () => {
  const csv = toCsv(['reason', 'units'], [
    ['=HYPERLINK("http://x")', -4],
    ['+1', 1],
    ['-cmd', 1],
    ['@SUM(A1)', 1],
  ]);
  assert.equal(csv, 'reason,units\r\n"\'=HYPERLINK(""http://x"")",-4\r\n\'+1,1\r\n\'-cmd,1\r\n\'@SUM(A1),1\r\n');
});
