// Shipped schema versions, applied in order and recorded in schema_migrations.
// Never edit a shipped migration: add the next one.
//
// One ordered list for the whole ledger, but each table has one owner, the only
// room that reads and writes it (others call that room's service):
//   kernel:  schema_migrations, settings (a key-value table: each room its own
//            keys: device:*, printer:*, shelves, secret:*, safety_stock_default…),
//            outbox, audit_log
//   stock:   locations, movements, stock_levels, reservations
//   catalog: products, products_search, barcodes, variable_measure_rules, category_shelf_life
//   staff:   staff, pin_attempts, pin_locks, staff_setup_codes, staff_hq_versions,
//            first_admin_code_uses
//   catalog-import: csv_imports, csv_import_chunks
//   orders:  pickup_orders, order_lines, order_history, order_returns, order_return_lines,
//            order_line_lots
//   pricing: price_changes, promotions, label_queue, price_history
//   sync:    sync_state, inbox (inbox_v8 in version 8), dead_letters,
//            catalog_snapshot_chunks
//   receiving: receiving_asns, receiving_asn_lines, receiving_cartons, receipts,
//            receipt_lines, receipt_lots, receipt_cartons, receipt_unexpected
//   printing: print_jobs
//   transfers: transfers, transfer_lines, transfer_receipts
//   tills:   till_credentials, till_receipts
//   stations: paired_stations
//   shelves: shelf_level_history
//   kpis:    kpi_digests
//   customers: customer_cards, customer_card_openings, customer_arrivals, customer_orders_placed,
//            customer_tasks
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE locations (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('internal', 'external')),
  sellable INTEGER NOT NULL CHECK (sellable IN (0, 1)),
  allow_negative INTEGER NOT NULL CHECK (allow_negative IN (0, 1)),
  sort INTEGER NOT NULL
) WITHOUT ROWID;

-- Outside parties may go negative: they are the other side of double entry.
INSERT INTO locations (code, name, kind, sellable, allow_negative, sort) VALUES
  ('sales_floor', 'Sales floor', 'internal', 1, 0, 1),
  ('back_room',   'Back room',   'internal', 1, 0, 2),
  ('pickup_hold', 'Pickup hold', 'internal', 0, 0, 3),
  ('in_transit',  'In transit',  'internal', 0, 0, 4),
  ('damaged',     'Damaged',     'internal', 0, 0, 5),
  ('supplier',    'Supplier',    'external', 0, 1, 6),
  ('customer',    'Customer',    'external', 0, 1, 7),
  ('adjustment',  'Adjustment',  'external', 0, 1, 8);

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  brand TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL CHECK (unit IN ('each', 'g')),
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
  tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  safety_stock INTEGER CHECK (safety_stock >= 0),
  catalog_version INTEGER NOT NULL DEFAULT 0
);

-- GTINs are stored normalised to GTIN-14; internal codes as printed.
CREATE TABLE barcodes (
  code TEXT PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES products (sku),
  kind TEXT NOT NULL CHECK (kind IN ('gtin', 'internal', 'variable-measure'))
) WITHOUT ROWID;
CREATE INDEX barcodes_by_sku ON barcodes (sku);

-- Variable-measure EAN-13 layouts by prefix (02, 20-29), as JSON replaced whole by HQ.
CREATE TABLE variable_measure_rules (
  prefix TEXT PRIMARY KEY,
  layout TEXT NOT NULL
) WITHOUT ROWID;

CREATE VIRTUAL TABLE products_search USING fts5 (
  sku UNINDEXED, name, brand,
  content = 'products', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER products_search_ai AFTER INSERT ON products BEGIN
  INSERT INTO products_search (rowid, sku, name, brand) VALUES (new.id, new.sku, new.name, new.brand);
END;
CREATE TRIGGER products_search_ad AFTER DELETE ON products BEGIN
  INSERT INTO products_search (products_search, rowid, sku, name, brand) VALUES ('delete', old.id, old.sku, old.name, old.brand);
END;
CREATE TRIGGER products_search_au AFTER UPDATE OF sku, name, brand ON products BEGIN
  INSERT INTO products_search (products_search, rowid, sku, name, brand) VALUES ('delete', old.id, old.sku, old.name, old.brand);
  INSERT INTO products_search (rowid, sku, name, brand) VALUES (new.id, new.sku, new.name, new.brand);
END;

-- seq is the per-store movement sequence. Rows are never deleted, so the
-- INTEGER PRIMARY KEY grows by exactly one per committed movement.
CREATE TABLE movements (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sku TEXT NOT NULL REFERENCES products (sku),
  qty INTEGER NOT NULL CHECK (qty > 0),
  from_loc TEXT NOT NULL REFERENCES locations (code),
  to_loc TEXT NOT NULL REFERENCES locations (code),
  reason TEXT NOT NULL,
  ref TEXT,
  staff TEXT NOT NULL,
  station TEXT NOT NULL,
  at TEXT NOT NULL,
  CHECK (from_loc <> to_loc)
);
CREATE INDEX movements_by_sku ON movements (sku, seq);
CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
  BEGIN SELECT RAISE(ABORT, 'movements are append-only: record a correcting movement'); END;
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
  BEGIN SELECT RAISE(ABORT, 'movements are append-only: record a correcting movement'); END;

CREATE TABLE stock_levels (
  sku TEXT NOT NULL,
  location TEXT NOT NULL,
  qty INTEGER NOT NULL,
  PRIMARY KEY (sku, location)
) WITHOUT ROWID;

-- Stock promised to an order but not yet moved to the pickup hold.
CREATE TABLE reservations (
  ref TEXT NOT NULL,
  sku TEXT NOT NULL REFERENCES products (sku),
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (ref, sku)
) WITHOUT ROWID;

-- Events for HQ, written in the same transaction as the change they announce.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  acked_at TEXT
);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('associate', 'pickup', 'manager', 'admin')),
  pin_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  active INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  station TEXT NOT NULL,
  staff TEXT,
  approved_by TEXT,
  command TEXT NOT NULL,
  input TEXT NOT NULL,
  ok INTEGER NOT NULL,
  error_code TEXT,
  error_message TEXT
);
`,
  },
  {
    version: 2,
    name: 'hq-link',
    sql: `
-- Small facts of the HQ link: last acknowledged outbox seq, last applied HQ stream number, versions.
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Every HQ stream message, committed before the broker is acknowledged.
-- applied_at is NULL while it waits for an earlier stream number.
CREATE TABLE inbox (
  id TEXT PRIMARY KEY,
  dseq INTEGER NOT NULL UNIQUE,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at TEXT NOT NULL,
  applied_at TEXT,
  outcome TEXT
);

CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  payload BLOB NOT NULL,
  reason TEXT NOT NULL,
  received_at TEXT NOT NULL,
  retries INTEGER NOT NULL DEFAULT 0,
  resolved_at TEXT
);

CREATE TABLE pickup_orders (
  order_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  order_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE price_changes (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  sku TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
  effective_at TEXT NOT NULL,
  applied_at TEXT
);
CREATE INDEX price_changes_due ON price_changes (applied_at, effective_at);

CREATE TABLE promotions (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  promotion_json TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE expected_deliveries (
  asn_id TEXT PRIMARY KEY,
  supplier TEXT NOT NULL,
  expected_at TEXT NOT NULL,
  lines_json TEXT NOT NULL,
  received_at TEXT NOT NULL
) WITHOUT ROWID;

-- A full catalog snapshot arrives in chunks and is applied only once all are here.
CREATE TABLE catalog_snapshot_chunks (
  snapshot_id TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  chunks INTEGER NOT NULL,
  version INTEGER NOT NULL,
  products_json TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, chunk)
) WITHOUT ROWID;

-- Shelf labels to print again (a price changed).
CREATE TABLE label_queue (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL,
  reason TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  printed_at TEXT
);
`,
  },
  {
    version: 3,
    name: 'pickup-counter',
    sql: `
-- How many units one scan of a barcode stands for (a case GTIN-14 of 12).
ALTER TABLE barcodes ADD COLUMN pack_qty INTEGER NOT NULL DEFAULT 1 CHECK (pack_qty >= 1);

ALTER TABLE pickup_orders ADD COLUMN promised_at TEXT;
ALTER TABLE pickup_orders ADD COLUMN customer_name TEXT;
ALTER TABLE pickup_orders ADD COLUMN customer_phone TEXT;
ALTER TABLE pickup_orders ADD COLUMN verification_code TEXT;
CREATE INDEX pickup_orders_by_status ON pickup_orders (status, promised_at);

-- held: units moved to the pickup hold for this line; picked: confirmed by scan.
CREATE TABLE order_lines (
  order_id TEXT NOT NULL REFERENCES pickup_orders (order_id),
  line_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
  picked INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0),
  short_qty INTEGER NOT NULL DEFAULT 0 CHECK (short_qty >= 0),
  short_reason TEXT,
  refused INTEGER NOT NULL DEFAULT 0 CHECK (refused >= 0),
  age_restricted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line_id)
) WITHOUT ROWID;

CREATE TABLE order_history (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL,
  at TEXT NOT NULL,
  staff TEXT NOT NULL,
  station TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT
);
CREATE INDEX order_history_by_order ON order_history (order_id, id);

CREATE TABLE order_returns (
  return_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES pickup_orders (order_id),
  at TEXT NOT NULL,
  staff TEXT NOT NULL,
  station TEXT NOT NULL,
  refund_method TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE order_return_lines (
  return_id TEXT NOT NULL REFERENCES order_returns (return_id),
  line_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  reason TEXT NOT NULL,
  condition TEXT NOT NULL CHECK (condition IN ('resellable', 'damaged')),
  PRIMARY KEY (return_id, line_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 4,
    name: 'print-jobs',
    sql: `
-- Printer output, written before a byte is sent. payload is the encoded job, so a
-- retry or a reprint sends exactly what was first laid out.
-- state: queued (not sent; retried), sending (bytes handed over, waiting for the
-- printer to confirm), done, unconfirmed (the link broke after bytes left, or the
-- console stopped mid-job: a person decides whether to reprint).
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  printer TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'unconfirmed')),
  waiting_reason TEXT,   -- a code the console words for staff (WaitingReason)
  waiting_detail TEXT,   -- the technical cause, for IT
  attempts INTEGER NOT NULL DEFAULT 0,
  reprint_of INTEGER REFERENCES print_jobs (id),
  requested_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  done_at TEXT
);
CREATE INDEX print_jobs_open ON print_jobs (printer, state, id);
`,
  },
  {
    version: 5,
    name: 'pin-attempts',
    sql: `
-- Every PIN check that reaches the slow hash is a row, written BEFORE the hash
-- runs ('pending'), so parallel guesses count against the limits at once.
-- purpose keeps a manager's own sign-in apart from guesses made in an approval
-- dialog: an associate cannot lock a manager out of signing in.
CREATE TABLE pin_attempts (
  id INTEGER PRIMARY KEY,
  staff_id TEXT NOT NULL,
  station TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'approval')),
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'failed', 'ok', 'forgiven'))
);
CREATE INDEX pin_attempts_member ON pin_attempts (staff_id, purpose, at);
CREATE INDEX pin_attempts_station ON pin_attempts (station, purpose, at);

-- A lock only ever grows or is lifted by a manager (staff.unlock); a failed
-- check never shortens it.
CREATE TABLE pin_locks (
  staff_id TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'approval')),
  locked_until INTEGER NOT NULL,
  PRIMARY KEY (staff_id, purpose)
) WITHOUT ROWID;
`,
  },
  {
    version: 6,
    name: 'handover-codes',
    sql: `
-- The customer's handover code is kept only as a salted hash (main/orders/handover-code.ts),
-- with a count of wrong codes given for the order: past the limit a manager approves.
-- verification_code (plain) is no longer written; codes left there by an older build
-- are hashed and cleared by the orders room when the core starts.
ALTER TABLE pickup_orders ADD COLUMN verification_hash TEXT;
ALTER TABLE pickup_orders ADD COLUMN wrong_codes INTEGER NOT NULL DEFAULT 0 CHECK (wrong_codes >= 0);
-- HQ's order as received kept the plain code too.
UPDATE pickup_orders SET order_json = json_remove(order_json, '$.verification')
 WHERE json_valid(order_json) AND json_type(order_json, '$.verification') IS NOT NULL;
`,
  },
  {
    version: 8,
    name: 'inbox-numberings',
    sql: `
-- HQ may start numbering its stream from 1 again (a new epoch, or a restored backup). Each
-- numbering the store follows is a generation; a dseq is unique only within its generation, and
-- the rows of earlier generations stay as the record of what was applied.
CREATE TABLE inbox_v8 (
  id TEXT PRIMARY KEY,
  generation INTEGER NOT NULL DEFAULT 0,
  dseq INTEGER NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at TEXT NOT NULL,
  applied_at TEXT,
  outcome TEXT,
  UNIQUE (generation, dseq)
);
INSERT INTO inbox_v8 (id, generation, dseq, type, payload, received_at, applied_at, outcome)
  SELECT id, 0, dseq, type, payload, received_at, applied_at, outcome FROM inbox;
DROP TABLE inbox;
ALTER TABLE inbox_v8 RENAME TO inbox;
`,
  },
  {
    version: 9,
    name: 'movement-batch-expiry',
    sql: `
-- The batch/lot (GS1 AI 10) and expiry day (AI 17, or best-before 15) read from the label a
-- movement was scanned from, so a recall can find where a batch went. Null when unknown.
ALTER TABLE movements ADD COLUMN batch TEXT CHECK (batch IS NULL OR length(batch) BETWEEN 1 AND 20);
ALTER TABLE movements ADD COLUMN expiry TEXT CHECK (expiry IS NULL OR expiry GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
CREATE INDEX movements_by_batch ON movements (batch) WHERE batch IS NOT NULL;
`,
  },
  {
    version: 10,
    name: 'stock-snapshot-chunks',
    sql: `
-- HQ's opening-stock snapshot arrives in chunks; they wait here (across restarts) until all are
-- in, then apply as movements in one transaction. Owned by the sync room, like the catalog's.
CREATE TABLE stock_snapshot_chunks (
  snapshot_id TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  chunks INTEGER NOT NULL,
  version INTEGER NOT NULL,
  locations_json TEXT NOT NULL,
  levels_json TEXT NOT NULL,
  total INTEGER,
  PRIMARY KEY (snapshot_id, chunk)
);
-- The catalog snapshot's expected size, for the store's progress bar.
ALTER TABLE catalog_snapshot_chunks ADD COLUMN total INTEGER;
`,
  },
  {
    version: 11,
    name: 'staff-admin-and-csv-import',
    sql: `
-- A member HQ sent (or an admin added without a PIN) sets their PIN at first sign-in with a
-- one-time code: only its SHA-256 is kept (the code is long and random, so a fast hash is
-- enough), it expires, it is used once, and wrong tries are counted like PINs'.
CREATE TABLE staff_setup_codes (
  staff_id TEXT PRIMARY KEY,
  code_sha256 TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  wrong_tries INTEGER NOT NULL DEFAULT 0,
  used_at TEXT
) WITHOUT ROWID;
-- HQ's staff records carry versions per member: an older one never wins, a repeat changes nothing.
CREATE TABLE staff_hq_versions (
  staff_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;
-- The first-admin code from the environment or IT's policy works once: its use is recorded here.
CREATE TABLE first_admin_code_uses (
  code_sha256 TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  used_at TEXT NOT NULL
) WITHOUT ROWID;

-- A CSV file uploaded in chunks, staged until a dry run and a commit act on it whole.
CREATE TABLE csv_imports (
  import_id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  total_bytes INTEGER NOT NULL CHECK (total_bytes > 0),
  chunks INTEGER NOT NULL CHECK (chunks > 0),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  committed_at TEXT,
  outcome TEXT
) WITHOUT ROWID;
CREATE TABLE csv_import_chunks (
  import_id TEXT NOT NULL REFERENCES csv_imports (import_id) ON DELETE CASCADE,
  chunk INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (import_id, chunk)
) WITHOUT ROWID;
`,
  },
  {
    version: 12,
    name: 'tills',
    sql: `
-- The tills room (main/tills). A till posts its receipts with a bearer token; only the
-- token's SHA-256 is kept. Issuing a new token for a till replaces the old one.
CREATE TABLE till_credentials (
  till TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  last_receipt_at TEXT
) WITHOUT ROWID;

-- Every receipt applied, once: a repeat of (till, receipt_id) answers the stored result and moves nothing.
CREATE TABLE till_receipts (
  till TEXT NOT NULL,
  receipt_id TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  receipt_at TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  result_json TEXT NOT NULL,
  PRIMARY KEY (till, receipt_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 13,
    name: 'paired-stations',
    sql: `
-- Stations paired with this one, the store's host: each holds a credential whose hash is kept here.
-- A revoked station keeps its row, so its past movements still name a known station.
CREATE TABLE paired_stations (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  paired_at TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
);
`,
  },
  {
    version: 14,
    name: 'station-sessions',
    sql: `
-- Who is signed in at each paired station, so a host restart signs nobody out (main/stations/station-seats.ts).
-- The host's own seat is not kept: its screens are in the same process and restart with it.
CREATE TABLE station_sessions (
  station TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  signed_in_at INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 15,
    name: 'search-as-you-type',
    sql: `
-- Search as you type: the SKU is indexed now (a partial SKU finds its product), and prefix
-- indexes of 1, 2 and 3 characters keep short prefixes from scanning the whole term list.
-- Barcodes are not in here: their prefix search is a range over the barcodes table's own key.
DROP TRIGGER products_search_ai;
DROP TRIGGER products_search_ad;
DROP TRIGGER products_search_au;
DROP TABLE products_search;
CREATE VIRTUAL TABLE products_search USING fts5 (
  sku, name, brand,
  content = 'products', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
INSERT INTO products_search (products_search) VALUES ('rebuild');
CREATE TRIGGER products_search_ai AFTER INSERT ON products BEGIN
  INSERT INTO products_search (rowid, sku, name, brand) VALUES (new.id, new.sku, new.name, new.brand);
END;
CREATE TRIGGER products_search_ad AFTER DELETE ON products BEGIN
  INSERT INTO products_search (products_search, rowid, sku, name, brand) VALUES ('delete', old.id, old.sku, old.name, old.brand);
END;
CREATE TRIGGER products_search_au AFTER UPDATE OF sku, name, brand ON products BEGIN
  INSERT INTO products_search (products_search, rowid, sku, name, brand) VALUES ('delete', old.id, old.sku, old.name, old.brand);
  INSERT INTO products_search (rowid, sku, name, brand) VALUES (new.id, new.sku, new.name, new.brand);
END;

-- The product view asks for one SKU's next price change.
CREATE INDEX price_changes_by_sku ON price_changes (sku, applied_at, effective_at);
`,
  },
  {
    version: 16,
    name: 'receiving',
    sql: `
-- The receiving room (main/receiving). HQ's expected deliveries (ASNs), their lines, and the
-- cartons (SSCC, GS1 AI 00) they arrive in; an ASN is never updated in place.
CREATE TABLE receiving_asns (
  asn_id TEXT PRIMARY KEY,
  supplier TEXT NOT NULL,
  expected_at TEXT NOT NULL,
  arrived_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE receiving_asn_lines (
  asn_id TEXT NOT NULL REFERENCES receiving_asns (asn_id),
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (asn_id, sku)
) WITHOUT ROWID;
CREATE TABLE receiving_cartons (
  asn_id TEXT NOT NULL REFERENCES receiving_asns (asn_id),
  sscc TEXT NOT NULL,
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (asn_id, sscc, sku)
) WITHOUT ROWID;
-- ASNs the sync room kept before this room existed.
INSERT INTO receiving_asns (asn_id, supplier, expected_at, arrived_at)
  SELECT asn_id, supplier, expected_at, received_at FROM expected_deliveries;
INSERT OR IGNORE INTO receiving_asn_lines (asn_id, sku, qty)
  SELECT d.asn_id, json_extract(l.value, '$.sku'), json_extract(l.value, '$.qty')
    FROM expected_deliveries d, json_each(d.lines_json) l;
DROP TABLE expected_deliveries;

-- A receipt: one delivery received by scanning. At most one receipt per ASN.
CREATE TABLE receipts (
  id TEXT PRIMARY KEY,
  asn_id TEXT UNIQUE REFERENCES receiving_asns (asn_id),
  supplier TEXT NOT NULL,
  owner TEXT NOT NULL,
  station TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
  opened_at TEXT NOT NULL,
  approved_by TEXT,
  closed_at TEXT,
  closed_by TEXT,
  packing_slip TEXT,
  location TEXT
) WITHOUT ROWID;
CREATE INDEX receipts_by_state ON receipts (state, opened_at);
-- What the delivery should hold (0 for a receipt without an ASN), and what the scans added per
-- batch and expiry ('' when the label carried none): each lot posts its own movement.
CREATE TABLE receipt_lines (
  receipt_id TEXT NOT NULL REFERENCES receipts (id),
  sku TEXT NOT NULL,
  expected INTEGER NOT NULL CHECK (expected >= 0),
  PRIMARY KEY (receipt_id, sku)
) WITHOUT ROWID;
CREATE TABLE receipt_lots (
  receipt_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  expiry TEXT NOT NULL DEFAULT '',
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (receipt_id, sku, batch, expiry),
  FOREIGN KEY (receipt_id, sku) REFERENCES receipt_lines (receipt_id, sku)
) WITHOUT ROWID;
CREATE TABLE receipt_cartons (
  receipt_id TEXT NOT NULL REFERENCES receipts (id),
  sscc TEXT NOT NULL,
  PRIMARY KEY (receipt_id, sscc)
) WITHOUT ROWID;
-- Items scanned that the ASN does not list: refused at the dock, reported to HQ with the differences.
CREATE TABLE receipt_unexpected (
  receipt_id TEXT NOT NULL REFERENCES receipts (id),
  code TEXT NOT NULL,
  sku TEXT,
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (receipt_id, code)
) WITHOUT ROWID;

-- The orders room: the batch and expiry of each picked pack, carried to the handover's movement for recalls.
CREATE TABLE order_line_lots (
  order_id TEXT NOT NULL,
  line_id TEXT NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  expiry TEXT NOT NULL DEFAULT '',
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, line_id, batch, expiry)
) WITHOUT ROWID;

-- The catalog room: how many days before its expiry an item of a category is short-dated.
CREATE TABLE category_shelf_life (
  category TEXT PRIMARY KEY,
  short_dated_days INTEGER NOT NULL CHECK (short_dated_days >= 0)
) WITHOUT ROWID;
`,
  },
  {
    version: 17,
    name: 'stock-counts-and-tolerances',
    sql: `
-- HQ's per-store override of the stock documents' tolerances (main/stock/tolerances.ts): one row,
-- replaced only by a newer version, so a repeated or older message changes nothing.
CREATE TABLE stock_tolerance_override (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  over_receipt_pct REAL NOT NULL,
  count_variance_units INTEGER NOT NULL,
  count_variance_pct REAL NOT NULL,
  received_at TEXT NOT NULL
);

-- The counts room (main/counts). A count is a document: an owner, a location, how it came to be,
-- and its state. While it is counting or recounting, counters cannot read the location's expected
-- quantity of its products (main/stock/stock-read-path.ts).
CREATE TABLE stock_counts (
  count_id TEXT PRIMARY KEY,
  location TEXT NOT NULL,
  -- 'location': every product found there; 'skus': only its lines.
  scope TEXT NOT NULL CHECK (scope IN ('location', 'skus')),
  origin TEXT NOT NULL CHECK (origin IN ('manual', 'category', 'not-counted', 'shelf', 'short-pick')),
  origin_ref TEXT,
  owner TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('counting', 'review', 'recount', 'approved', 'cancelled')),
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  closed_at TEXT,
  closed_by TEXT,
  reason_code TEXT
);
CREATE INDEX stock_counts_by_status ON stock_counts (status, location);

-- A line's snapshot is the ledger's quantity and last movement at its first scan; the movements
-- after that seq are what the variance allows for (tills included).
CREATE TABLE stock_count_lines (
  count_id TEXT NOT NULL REFERENCES stock_counts (count_id),
  sku TEXT NOT NULL,
  snapshot_qty INTEGER,
  snapshot_seq INTEGER,
  counted INTEGER,
  counted_by TEXT,
  first_scan_at TEXT,
  -- Uncounted at review: an explicit zero, not a missing line.
  zeroed INTEGER NOT NULL DEFAULT 0,
  recount_needed INTEGER NOT NULL DEFAULT 0,
  recounted INTEGER,
  recounted_by TEXT,
  PRIMARY KEY (count_id, sku)
) WITHOUT ROWID;
CREATE INDEX stock_count_lines_by_sku ON stock_count_lines (sku);
`,
  },
  {
    version: 18,
    name: 'transfers-between-stores',
    sql: `
-- Stock that leaves for, or arrives from, another store of the chain: the other side of a
-- transfer's double entry, as supplier and customer are for purchases and sales. Across the
-- chain the two stores' rows cancel out.
INSERT INTO locations (code, name, kind, sellable, allow_negative, sort) VALUES
  ('other_store', 'Other stores', 'external', 0, 1, 9);

-- The transfers room (main/transfers). One row per document, on each side: the origin writes
-- its own (draft, shipped…); the destination's arrives from HQ as 'shipped' (incoming).
CREATE TABLE transfers (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  origin_store TEXT NOT NULL,
  destination_store TEXT NOT NULL,
  -- Where the origin takes the stock from; where the destination puts what it receives.
  location TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'shipped', 'receiving', 'closed')),
  owner TEXT,
  created_at TEXT NOT NULL,
  shipped_at TEXT,
  shipped_by TEXT,
  closed_at TEXT
) WITHOUT ROWID;
CREATE INDEX transfers_by_state ON transfers (direction, state);

-- qty: what the draft holds, then what was shipped; received/damaged/lost: what receipts accounted for.
CREATE TABLE transfer_lines (
  transfer_id TEXT NOT NULL REFERENCES transfers (id),
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  received INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
  damaged INTEGER NOT NULL DEFAULT 0 CHECK (damaged >= 0),
  lost INTEGER NOT NULL DEFAULT 0 CHECK (lost >= 0),
  CHECK (received + damaged + lost <= qty),
  PRIMARY KEY (transfer_id, sku)
) WITHOUT ROWID;

-- Every receipt applied, once (at the destination, posted; at the origin, relayed by HQ):
-- a repeat of a receipt id moves nothing.
CREATE TABLE transfer_receipts (
  receipt_id TEXT PRIMARY KEY,
  transfer_id TEXT NOT NULL REFERENCES transfers (id),
  at TEXT NOT NULL,
  staff TEXT NOT NULL,
  lines_json TEXT NOT NULL,
  closes INTEGER NOT NULL CHECK (closes IN (0, 1))
) WITHOUT ROWID;
`,
  },
  {
    version: 21,
    name: 'order-history-events',
    sql: `
-- What happened to an order, as data the console can say in the operator's language (the English
-- note stays: it is what HQ receives), and the manager who approved it, where one did.
ALTER TABLE order_history ADD COLUMN event_json TEXT;
ALTER TABLE order_history ADD COLUMN approved_by TEXT;
`,
  },
  {
    version: 22,
    name: 'shelf-labels',
    sql: `
-- What labels and shelf order need of a product (HQ's catalog carries them): where it sits, and its
-- net content in kg, l or units, for the unit price the law asks for.
ALTER TABLE products ADD COLUMN shelf_location TEXT;
ALTER TABLE products ADD COLUMN net_content REAL CHECK (net_content > 0);
ALTER TABLE products ADD COLUMN net_content_unit TEXT CHECK (net_content_unit IN ('kg', 'l', 'unit'));

-- The store's own shelf prices over time, for the lowest price of the 30 days before a reduction.
CREATE TABLE price_history (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
  from_at TEXT NOT NULL
);
CREATE INDEX price_history_by_sku ON price_history (sku, from_at);

-- A label is queued when HQ announces a price, with what it must say; it leaves the queue once its
-- print job is done.
ALTER TABLE label_queue ADD COLUMN price_cents INTEGER;
ALTER TABLE label_queue ADD COLUMN previous_cents INTEGER;
ALTER TABLE label_queue ADD COLUMN effective_at TEXT;
ALTER TABLE label_queue ADD COLUMN ends_at TEXT;
ALTER TABLE label_queue ADD COLUMN lowest_30d_cents INTEGER;
ALTER TABLE label_queue ADD COLUMN reference_source TEXT CHECK (reference_source IN ('history', 'hq', 'unknown'));
ALTER TABLE label_queue ADD COLUMN promotion_id TEXT;
ALTER TABLE label_queue ADD COLUMN print_job_id INTEGER;
ALTER TABLE label_queue ADD COLUMN printed_by TEXT;
CREATE INDEX label_queue_waiting ON label_queue (printed_at, sku);
`,
  },
  {
    version: 23,
    name: 'kpis',
    sql: `
-- The KPI page reads a year of a busy store (issue 15): each room's aggregate reads by time.
-- Orders by arrival (orders per day, the cohort the order KPIs measure), covering what the KPIs
-- read of each; and each order's milestones (first picking, first ready) as one index seek.
CREATE INDEX pickup_orders_by_received ON pickup_orders (received_at, status, promised_at);
CREATE INDEX order_history_milestones ON order_history (order_id, to_status, at);
-- Units sold or collected and negative adjustments, summed from the index alone.
CREATE INDEX movements_by_destination ON movements (to_loc, at, reason, qty);
-- Returns by reason over a date range.
CREATE INDEX order_returns_by_at ON order_returns (at);
-- Counts closed in a range (inventory accuracy), and each approved line's figures as they were
-- at approval: recomputing them later would take in the adjustment and every sale since.
CREATE INDEX stock_counts_by_closed ON stock_counts (status, closed_at);
ALTER TABLE stock_count_lines ADD COLUMN approved_expected INTEGER;
ALTER TABLE stock_count_lines ADD COLUMN approved_variance INTEGER;

-- The shelves room (main/shelves): each monitored shelf's level as it changed, so out-of-stock
-- hours can be measured afterwards. level: 'ok', 'low', 'out'; 'unknown' while the sensor is offline.
CREATE TABLE shelf_level_history (
  id INTEGER PRIMARY KEY,
  sensor_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  location TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('ok', 'low', 'out', 'unknown')),
  at TEXT NOT NULL
);
CREATE INDEX shelf_level_history_by_sensor ON shelf_level_history (sensor_id, at);
CREATE INDEX shelf_level_history_by_at ON shelf_level_history (at);

-- The KPI room (main/kpis): the store days whose digest went to HQ, so each goes once. The first
-- day the store checks is recorded unsent (sent = 0): the store did not exist for all of it.
CREATE TABLE kpi_digests (
  day TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  sent INTEGER NOT NULL CHECK (sent IN (0, 1))
) WITHOUT ROWID;
`,
  },
  {
    version: 24,
    name: 'audit-viewer-and-shelf-alerts',
    sql: `
-- The audit log viewer pages by id (keyset), newest first, under any one filter: each filter
-- column has its own index, whose entries SQLite keeps in rowid (id) order within a value, so a
-- page under a filter is an index range walk however deep it is. A date range becomes an id
-- range through the index on at (ids and times grow together: each row is written at now).
-- document: the order, count, receipt, transfer or ASN a command named (main/kernel/audit-log.ts).
ALTER TABLE audit_log ADD COLUMN document TEXT;
UPDATE audit_log SET document = coalesce(
  json_extract(input, '$.orderId'), json_extract(input, '$.countId'), json_extract(input, '$.receiptId'),
  json_extract(input, '$.transferId'), json_extract(input, '$.asnId'))
WHERE json_valid(input) AND json_type(input) = 'object';
CREATE INDEX audit_by_staff ON audit_log (staff);
CREATE INDEX audit_by_approver ON audit_log (approved_by) WHERE approved_by IS NOT NULL;
CREATE INDEX audit_by_command ON audit_log (command);
CREATE INDEX audit_by_document ON audit_log (document) WHERE document IS NOT NULL;
CREATE INDEX audit_by_time ON audit_log (at);

-- The shelves room's alerts staff act on (main/shelves/shelf-alerts.ts): each stays open until a
-- person acknowledges it; who did, and when, is kept here and on the audit log.
CREATE TABLE shelf_alerts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('stock.low', 'stock.out', 'weight.misplaced', 'sensor.offline')),
  sensor_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  location TEXT NOT NULL,
  units INTEGER,
  raised_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT
);
CREATE INDEX shelf_alerts_open ON shelf_alerts (id) WHERE acknowledged_at IS NULL;
`,
  },
  {
    version: 25,
    name: 'returns-from-any-channel',
    sql: `
-- Items taken back wait here until someone decides: back to stock, or damaged with a reason.
INSERT INTO locations (code, name, kind, sellable, allow_negative, sort) VALUES
  ('returns', 'Returns', 'internal', 0, 0, 10);

-- The returns room (main/returns): a return of an order HQ sold in any channel. HQ counts the
-- chain's returned units; 'pending-hq' is one recorded offline (a manager approved it) that HQ has
-- not answered yet, 'refused-by-hq' one HQ refused when it did (its units went over what was sold).
CREATE TABLE channel_returns (
  return_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  customer_name TEXT,
  at TEXT NOT NULL,
  staff TEXT NOT NULL,
  station TEXT NOT NULL,
  approved_by TEXT,
  state TEXT NOT NULL CHECK (state IN ('settled', 'pending-hq', 'refused-by-hq')),
  refund_method TEXT NOT NULL CHECK (refund_method IN ('cash', 'store-credit', 'original-payment')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  -- original-payment only: 'waiting-hq' until HQ took the claim, then HQ's state.
  refund_state TEXT CHECK (refund_state IN ('waiting-hq', 'requested', 'refunded', 'failed')),
  voucher_id TEXT,
  hq_reason TEXT
) WITHOUT ROWID;
CREATE INDEX channel_returns_by_order ON channel_returns (order_id);
CREATE INDEX channel_returns_by_state ON channel_returns (state);

CREATE TABLE channel_return_lines (
  return_id TEXT NOT NULL REFERENCES channel_returns (return_id),
  line_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  reason TEXT NOT NULL,
  to_stock INTEGER NOT NULL DEFAULT 0 CHECK (to_stock >= 0),
  to_damaged INTEGER NOT NULL DEFAULT 0 CHECK (to_damaged >= 0),
  damage_reason TEXT,
  CHECK (to_stock + to_damaged <= qty),
  PRIMARY KEY (return_id, line_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 26,
    name: 'exchanges-with-money-and-cash',
    sql: `
-- HQ's price and VAT rate for each order line (issue 16), as the customer paid them: an exchange
-- values what comes back at these, and documents print them. NULL for lines from older messages.
ALTER TABLE order_lines ADD COLUMN unit_price_cents INTEGER;
ALTER TABLE order_lines ADD COLUMN vat_rate_bp INTEGER;

-- The orders room: an exchange's money. difference_cents > 0 the customer pays it, < 0 the store
-- gives it back; settlement says how it was settled.
CREATE TABLE order_exchanges (
  return_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  new_order_id TEXT NOT NULL,
  returned_cents INTEGER NOT NULL,
  new_cents INTEGER NOT NULL,
  difference_cents INTEGER NOT NULL,
  settlement TEXT NOT NULL CHECK (settlement IN ('none', 'collected', 'refunded', 'voucher')),
  method TEXT CHECK (method IN ('cash', 'card', 'voucher')),
  approved_by TEXT,
  at TEXT NOT NULL
) WITHOUT ROWID;

-- HQ's settings for this store's counter (a newer version replaces the last).
CREATE TABLE order_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  exchange_approval_cents INTEGER NOT NULL CHECK (exchange_approval_cents >= 0),
  received_at TEXT NOT NULL
);

-- The cash room (main/cash): money into or out of a station's drawer, signed (+ in, − out), on the
-- store's local day, and each station's day once a manager confirmed it.
CREATE TABLE cash_movements (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  at TEXT NOT NULL,
  station TEXT NOT NULL,
  staff TEXT NOT NULL,
  kind TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
  ref TEXT NOT NULL,
  approved_by TEXT
);
CREATE INDEX cash_movements_by_day ON cash_movements (day, station);
CREATE TABLE cash_day_confirmations (
  day TEXT NOT NULL,
  station TEXT NOT NULL,
  net_cents INTEGER NOT NULL,
  movements INTEGER NOT NULL,
  confirmed_at TEXT NOT NULL,
  confirmed_by TEXT NOT NULL,
  PRIMARY KEY (day, station)
) WITHOUT ROWID;
`,
  },
  {
    version: 27,
    name: 'customers',
    sql: `
-- Customer cards HQ sent, cached at most 24 hours (expires_at, ms since the epoch): personal data.
CREATE TABLE customer_cards (
  customer_id TEXT PRIMARY KEY,
  card_json TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
-- Every opening of a card: who, when, at which station, how, and which panels it showed.
CREATE TABLE customer_card_openings (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  station TEXT NOT NULL,
  staff TEXT NOT NULL,
  role TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  via TEXT NOT NULL,
  panels_json TEXT NOT NULL,
  withheld_json TEXT NOT NULL
);
CREATE INDEX customer_card_openings_by_customer ON customer_card_openings (customer_id, id);
-- A customer said "I'm here" (the app, through HQ) or staff scanned their app QR. Ids only.
CREATE TABLE customer_arrivals (
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('app', 'scan')),
  arrived_at TEXT NOT NULL,
  dismissed_at TEXT
);
-- Items ordered or reserved elsewhere for a customer (saving the sale), with HQ's tracking.
CREATE TABLE customer_orders_placed (
  order_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  order_json TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
-- Follow-ups ("call in 2 days"), only where the customer consented to contact.
CREATE TABLE customer_tasks (
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL,
  assignee TEXT NOT NULL,
  due_at TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  done_at TEXT
);
CREATE INDEX customer_tasks_by_assignee ON customer_tasks (assignee, done_at, due_at);
`,
  },
  {
    version: 31,
    name: 'document lists paged by index',
    // The document lists (receipts, counts, transfers, returns) page newest first by keyset on
    // (date, id): these indexes make each page a range read, however deep it is.
    sql: `
CREATE INDEX receipts_by_opened ON receipts (opened_at, id);
CREATE INDEX stock_counts_by_created ON stock_counts (created_at, count_id);
CREATE INDEX transfers_by_created ON transfers (direction, created_at, id);
CREATE INDEX channel_returns_by_at ON channel_returns (at, return_id);
`,
  },
];
