import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lowestPriceBefore } from '../../../main/pricing/lowest-price';
import { promotionPriceCents } from '../../../main/pricing/promotion-price';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000).toISOString();

test('the 30-day lowest counts every price in force during the 30 days before the reduction, including one in force when the window opened', () => {
  const history = [
    { priceCents: 1_00, fromAt: day(0) }, // in force until day 20: the window (day 10 to 40) opens inside it
    { priceCents: 1_50, fromAt: day(20) },
    { priceCents: 1_20, fromAt: day(30) },
    { priceCents: 1_60, fromAt: day(35) },
  ];
  assert.equal(lowestPriceBefore(history, day(40)), 1_00);
  // A day later the 1,00 € ended before the window opened (day 21): 1,20 € is the lowest.
  assert.equal(lowestPriceBefore(history, day(51)), 1_20);
  // Order of the history does not matter.
  assert.equal(lowestPriceBefore([...history].reverse(), day(51)), 1_20);
});

test('a price that started exactly at the reduction does not count, and one that ended exactly when the window opened does not either', () => {
  const history = [
    { priceCents: 50, fromAt: day(0) },
    { priceCents: 2_00, fromAt: day(10) },
    { priceCents: 10, fromAt: day(40) },
  ];
  assert.equal(lowestPriceBefore(history, day(40)), 2_00);
});

test('a history shorter than 30 days establishes nothing: the store cannot tell on its own', () => {
  assert.equal(lowestPriceBefore([{ priceCents: 1_00, fromAt: day(15) }], day(40)), null);
  assert.equal(lowestPriceBefore([], day(40)), null);
  // Exactly 30 days is enough.
  assert.equal(lowestPriceBefore([{ priceCents: 1_00, fromAt: day(10) }], day(40)), 1_00);
});

test('a promotion lowers the shelf price by percent or amount, never below zero; a multi-buy does not lower it', () => {
  assert.equal(promotionPriceCents({ kind: 'percent-off', value: 20 }, 2_49), 1_99);
  assert.equal(promotionPriceCents({ kind: 'amount-off', value: 50 }, 2_49), 1_99);
  assert.equal(promotionPriceCents({ kind: 'amount-off', value: 5_00 }, 2_49), 0);
  assert.equal(promotionPriceCents({ kind: 'multi-buy', value: 3 }, 2_49), null);
});
