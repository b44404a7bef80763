import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erasedMark } from '../../../main/sync/personal-data-purge';
import { customerNameText, erasedCustomerName } from '../../../renderer/src/orders/customer-name';
import { es } from '../../../renderer/src/i18n/es';

const t = (key: string) => key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], es) as string;

test("an order's customer reads as a name, as unnamed, or as erased, never as the ledger's mark", () => {
  assert.equal(erasedCustomerName, erasedMark, 'the renderer knows the mark the core writes');
  assert.equal(customerNameText('Lucía Fernández', t), 'Lucía Fernández');
  assert.equal(customerNameText(null, t), 'Cliente sin nombre');
  assert.equal(customerNameText('  ', t), 'Cliente sin nombre');
  assert.equal(customerNameText(erasedMark, t), 'Datos del cliente borrados');
});
