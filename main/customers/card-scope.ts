import type { CustomerCardView, CustomerPanel } from '../api/customer-shapes';
import type { Role } from '../api/types';
import type { CustomerCard } from '../sync/protocol';

/** What a pickup clerk needs to serve a customer: their orders, returns and sizes; no profiling, no marketing. */
export const servicePanels: readonly CustomerPanel[] = ['history', 'openOrders', 'notes'];

function panelsFor(role: Role): readonly CustomerPanel[] {
  if (role === 'associate' || role === 'manager') return ['profile', 'loyalty', 'history', 'openOrders', 'notes', 'browsing'];
  if (role === 'pickup') return servicePanels;
  return [];
}

/**
 * The card as one reader may see it: HQ's consent decision first (a withheld panel says why), then
 * the reader's role. `stockHere` gives this store's sellable units of a SKU as the reader may see them.
 */
export function scopeCard(card: CustomerCard, role: Role, stockHere: (sku: string) => number | null): Extract<CustomerCardView, { available: true }> {
  const allowed = new Set(panelsFor(role));
  const view: Extract<CustomerCardView, { available: true }> = {
    available: true,
    customerId: card.customerId,
    name: card.profile.name,
    contactConsent: card.consents.contact,
    shown: [],
    hidden: [],
  };
  const consentWithheld = new Set(card.withheld.map((w) => w.panel));
  const hide = (panel: CustomerPanel, reason: 'no-personalisation-consent' | 'role') => view.hidden.push({ panel, reason });
  const show = (panel: CustomerPanel, fill: () => void) => {
    if (!allowed.has(panel)) return hide(panel, 'role');
    view.shown.push(panel);
    fill();
  };
  show('profile', () => (view.profile = { phone: card.profile.phone, email: card.profile.email, contact: card.profile.contact }));
  show('loyalty', () => (view.loyalty = card.loyalty));
  show('history', () => (view.history = card.history));
  show('openOrders', () => (view.openOrders = card.openOrders));
  show('notes', () => (view.notes = { notes: card.notes, sizes: card.sizes }));
  if (!card.browsing || consentWithheld.has('browsing') || !card.consents.personalisation) {
    hide('browsing', 'no-personalisation-consent');
  } else {
    const browsing = card.browsing;
    const withStock = <T extends { sku: string }>(items: T[]) => items.map((item) => ({ ...item, here: stockHere(item.sku) }));
    show('browsing', () => (view.browsing = { viewed: withStock(browsing.viewed), wishlist: withStock(browsing.wishlist), cart: withStock(browsing.cart) }));
  }
  return view;
}
