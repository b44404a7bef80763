import { randomBytes } from 'node:crypto';
import type { ImportReport, LocationInfo } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import type { MovementLedger } from '../stock/movement-ledger';
import type { StockLevels } from '../stock/stock-levels';
import { maxListedErrors, readImportCsv, type ImportLines } from './csv-import-lines';

/** Where imported stock comes from and goes to: the external side of a correction. */
export const importCounterpart = 'adjustment';
export const importReason = 'csv-import';

export interface CsvImportsDeps {
  db: Db;
  catalog: CatalogStore;
  movements: MovementLedger;
  levels: Pick<StockLevels, 'at'>;
  locations: Map<string, LocationInfo>;
  now?: () => Date;
}

interface ImportRow {
  import_id: string;
  file_name: string;
  total_bytes: number;
  chunks: number;
  committed_at: string | null;
  outcome: string | null;
}

/**
 * CSV imports for a store without HQ's feed. A file is staged in chunks (a
 * screen sends them well below the bridge's frame limit), then a dry run and
 * a commit read it whole. The commit writes through the catalog and stock
 * rooms' services, in one transaction: a file with bad lines imports nothing,
 * unless the caller explicitly skips them.
 */
export function createCsvImports({ db, catalog, movements, levels, locations, now = () => new Date() }: CsvImportsDeps) {
  const insertImport = db.prepare(
    'INSERT INTO csv_imports (import_id, file_name, total_bytes, chunks, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const importOf = db.prepare('SELECT import_id, file_name, total_bytes, chunks, committed_at, outcome FROM csv_imports WHERE import_id = ?');
  const putChunk = db.prepare(
    'INSERT INTO csv_import_chunks (import_id, chunk, data) VALUES (?, ?, ?) ON CONFLICT (import_id, chunk) DO UPDATE SET data = excluded.data',
  );
  const chunkCount = db.prepare('SELECT count(*) FROM csv_import_chunks WHERE import_id = ?').pluck();
  const chunksOf = db.prepare('SELECT data FROM csv_import_chunks WHERE import_id = ? ORDER BY chunk').pluck();
  const dropChunks = db.prepare('DELETE FROM csv_import_chunks WHERE import_id = ?');
  const markCommitted = db.prepare('UPDATE csv_imports SET committed_at = ?, outcome = ? WHERE import_id = ? AND committed_at IS NULL');

  const staged = (importId: string): ImportRow => {
    const row = importOf.get(importId) as ImportRow | undefined;
    if (!row) throw new StoreError('UNKNOWN_IMPORT', `There is no staged import "${importId}".`, { importId });
    return row;
  };
  const open = (importId: string): ImportRow => {
    const row = staged(importId);
    if (row.committed_at !== null) throw new StoreError('IMPORT_COMMITTED', `Import ${row.file_name} was already imported.`, { importId });
    return row;
  };

  function read(row: ImportRow): ImportLines {
    const received = chunkCount.get(row.import_id) as number;
    if (received < row.chunks) {
      throw new StoreError('IMPORT_INCOMPLETE', `Only ${received} of ${row.chunks} chunks of ${row.file_name} arrived.`, { received, chunks: row.chunks });
    }
    const bytes = Buffer.concat(chunksOf.all(row.import_id) as Buffer[]);
    if (bytes.length !== row.total_bytes) {
      throw new StoreError('IMPORT_INCOMPLETE', `${row.file_name} arrived with ${bytes.length} bytes, not ${row.total_bytes}.`, { received: bytes.length, totalBytes: row.total_bytes });
    }
    return readImportCsv(bytes.toString('utf8'), locations);
  }

  /** What committing would do, against the ledger as it stands. */
  function plan(row: ImportRow, lines: ImportLines, skipBadLines: boolean): ImportReport {
    let added = 0;
    let updated = 0;
    for (const sku of lines.products.keys()) {
      if (catalog.product(sku)) updated++;
      else added++;
    }
    let movementsNeeded = 0;
    let unitsIn = 0;
    let unitsOut = 0;
    for (const s of lines.stock) {
      const delta = s.qty - levels.at(s.sku, s.location);
      if (delta !== 0) movementsNeeded++;
      if (delta > 0) unitsIn += delta;
      else unitsOut -= delta;
    }
    return {
      importId: row.import_id,
      fileName: row.file_name,
      lines: lines.lines,
      goodLines: lines.lines - lines.badLines.size,
      badLineCount: lines.badLines.size,
      badLines: lines.errors.slice(0, maxListedErrors),
      products: { added, updated },
      stock: { lines: lines.stock.length, movements: movementsNeeded, unitsIn, unitsOut },
      committed: false,
      skippedBadLines: skipBadLines && lines.badLines.size > 0,
    };
  }

  return {
    begin({ fileName, totalBytes, chunks, staff }: { fileName: string; totalBytes: number; chunks: number; staff: string }): { importId: string } {
      const importId = randomBytes(12).toString('base64url');
      insertImport.run(importId, fileName, totalBytes, chunks, staff, now().toISOString());
      return { importId };
    },

    /** Stores one chunk; sending a chunk again replaces it (a retry after a lost reply). */
    chunk(importId: string, chunk: number, data: Buffer): { received: number; chunks: number } {
      const row = open(importId);
      if (chunk >= row.chunks) throw new StoreError('VALIDATION', `Chunk ${chunk} is past the ${row.chunks} announced.`, { chunk, chunks: row.chunks });
      putChunk.run(importId, chunk, data);
      return { received: chunkCount.get(importId) as number, chunks: row.chunks };
    },

    dryRun(importId: string): ImportReport {
      const row = open(importId);
      return plan(row, read(row), false);
    },

    /**
     * Imports the staged file in the caller's transaction (the dispatcher's,
     * or the CLI's): products first, then one movement per stock line that
     * brings the location's level to the file's quantity, from or to
     * `adjustment`, dated now, each with its outbox row.
     */
    commit(
      importId: string,
      { skipBadLines, staff, station }: { skipBadLines: boolean; staff: string; station: string },
      onProgress?: (done: number, total: number) => void,
    ): { report: ImportReport; skus: string[] } {
      const row = open(importId);
      const lines = read(row);
      if (lines.badLines.size > 0 && !skipBadLines) {
        throw new StoreError('IMPORT_HAS_BAD_LINES', `${row.file_name} has ${lines.badLines.size} bad lines: fix them, or skip them explicitly.`, {
          badLineCount: lines.badLines.size,
        });
      }
      const report = plan(row, lines, skipBadLines);
      const products = [...lines.products.values()];
      catalog.upsertProducts(
        products.map((p) => p.product),
        products.flatMap((p) => p.barcodes.map((b) => ({ ...b, sku: p.product.sku }))),
      );
      const total = lines.stock.length;
      lines.stock.forEach((s, index) => {
        const delta = s.qty - levels.at(s.sku, s.location);
        if (delta !== 0) {
          movements.append({
            sku: s.sku,
            qty: Math.abs(delta),
            from: delta > 0 ? importCounterpart : s.location,
            to: delta > 0 ? s.location : importCounterpart,
            reason: importReason,
            ref: `import:${row.import_id}:line-${s.line}`,
            staff,
            station,
          });
        }
        if (onProgress && ((index + 1) % 500 === 0 || index + 1 === total)) onProgress(index + 1, total);
      });
      markCommitted.run(now().toISOString(), JSON.stringify({ products: products.length, stockLines: total, skippedBadLines: report.skippedBadLines }), row.import_id);
      dropChunks.run(row.import_id);
      return { report: { ...report, committed: true }, skus: [...lines.products.keys()] };
    },
  };
}
export type CsvImports = ReturnType<typeof createCsvImports>;
