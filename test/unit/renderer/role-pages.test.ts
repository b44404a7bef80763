import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessTable, seats } from '../../../main/api/access-table';
import { roles } from '../../../main/api/shapes';
import { consolePages, landingPage, pageRoles, pagesFor } from '../../../renderer/src/screens/role-pages';

test('no role sees a page that opens with a procedure its role is refused', () => {
  for (const page of consolePages) {
    const { roles: seeing, opensWith } = pageRoles[page];
    for (const role of seeing) assert.notEqual(accessTable[opensWith][role], 'refuse', `${role} sees ${page}, which opens with ${opensWith}`);
  }
  assert.ok(seats.length > roles.length, 'the seats include "nobody", who sees no page');
});

test('pickup staff see their queue, the lookup, counts, returns from any channel and customers (service panels), and land on the queue; associates do not see orders they cannot take', () => {
  assert.deepEqual(pagesFor('pickup'), ['lookup', 'orders', 'counts', 'returns', 'customers']);
  assert.equal(pagesFor('associate').includes('returns'), false);
  assert.equal(landingPage.pickup, 'orders');
  assert.equal(pagesFor('associate').includes('orders'), false);
  assert.equal(pagesFor('associate').includes('staff'), false);
  // IT's admin has no purpose for customer data (issue 17): every page but Customers.
  assert.deepEqual(pagesFor('admin'), consolePages.filter((page) => page !== 'customers'));
  for (const role of roles) assert.ok(pagesFor(role).includes(landingPage[role]), `${role} lands on a page it sees`);
});

test('the KPI page is the back office: managers and admins see it, associates and pickup staff do not', () => {
  assert.ok(pagesFor('manager').includes('kpis'));
  assert.ok(pagesFor('admin').includes('kpis'));
  assert.equal(pagesFor('associate').includes('kpis'), false);
  assert.equal(pagesFor('pickup').includes('kpis'), false);
});
