import fs from 'node:fs';
import path from 'node:path';
import { startApp } from '../../src/main/app';
import { row } from './stats';

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/**
 * The change log's share of the database file, right after seeding: bytes of the `changes` table
 * and of each of its indexes (SQLite's dbstat table where the driver has it, else whole pages
 * approximated from the bytes each b-tree stores), beside the whole file.
 */
export function benchDbSize(dir: string, offices: number): void {
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  try {
    const db = app.ctx.store.sqlite;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const fileBytes = (db.pragma('page_count', { simple: true }) as number) * pageSize;
    let bytes: Map<string, number>;
    let how: string;
    try {
      bytes = new Map((db.prepare('SELECT name, sum(pgsize) AS b FROM dbstat GROUP BY name').all() as { name: string; b: number }[]).map((r) => [r.name, r.b]));
      how = 'dbstat';
    } catch {
      // No dbstat: approximate each b-tree by the bytes it stores (its rows' cells; an index
      // stores its columns and the rowid), rounded up to whole pages. An under-estimate: no page
      // headers, no free space.
      bytes = new Map();
      how = 'approximated from stored bytes (this driver has no dbstat)';
      const len = (cols: string[]) => cols.map((c) => `coalesce(length(CAST("${c}" AS BLOB)), 0) + 1`).join(' + ');
      const pages = (sql: string) => Math.ceil(((db.prepare(sql).get() as { b: number | null }).b ?? 0) / pageSize) * pageSize;
      const tableCols = (db.prepare('SELECT name FROM pragma_table_info(?)').all('changes') as { name: string }[]).map((c) => c.name);
      bytes.set('changes', pages(`SELECT sum(${len(tableCols)} + 9) AS b FROM changes`));
      for (const { name } of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'changes'").all() as { name: string }[]) {
        const cols = (db.prepare('SELECT name FROM pragma_index_info(?)').all(name) as { name: string }[]).map((c) => c.name);
        bytes.set(name, pages(`SELECT sum(${len(cols)} + 9) AS b FROM changes`));
      }
    }
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'changes' ORDER BY name").all() as { name: string }[];
    const table = bytes.get('changes') ?? 0;
    const idx = indexes.map((i) => ({ name: i.name, b: bytes.get(i.name) ?? NaN }));
    const log = table + idx.reduce((s, i) => s + (Number.isNaN(i.b) ? 0 : i.b), 0);
    const changeRows = (db.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    const onDisk = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
    console.log(
      `Change log's share of the database after seeding ${offices.toLocaleString()} offices (${changeRows.toLocaleString()} change rows; ${how}; baseline: the whole database file, ${mb(fileBytes)}; the data folder holds ${mb(onDisk)})`,
    );
    row('  changes (table)', mb(table), mb(fileBytes), table / fileBytes, '—');
    for (const i of idx) row(`  ${i.name} (index on changes)`, Number.isNaN(i.b) ? 'n/a' : mb(i.b), mb(fileBytes), i.b / fileBytes, '—');
    row('  change log in all (its share of the file)', `${mb(log)} = ${((100 * log) / fileBytes).toFixed(0)}%`, mb(fileBytes), log / fileBytes, '—');
    if (how === 'dbstat') {
      // For scale: the other big b-trees in the file.
      const others = [...bytes.entries()].filter(([n]) => n !== 'changes' && !indexes.some((i) => i.name === n)).sort((a, b) => b[1] - a[1]).slice(0, 4);
      console.log(`  for scale: ${others.map(([n, b]) => `${n} ${mb(b)}`).join(', ')}`);
    }
    console.log('');
  } finally {
    app.close();
  }
}
