// Loads node:sqlite (built into Node >= 22.13: no native add-on to compile). Node 22 still prints an
// "SQLite is an experimental feature" warning on first load; it says nothing to our users, so that one
// warning is filtered while the module loads and every other warning passes through.
import { createRequire } from "node:module";

type SqliteModule = typeof import("node:sqlite");
let sqlite: SqliteModule | undefined;

export function loadSqlite(): SqliteModule {
  if (sqlite) return sqlite;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/SQLite is an experimental feature/i.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    sqlite = createRequire(import.meta.url)("node:sqlite") as SqliteModule;
  } finally {
    process.emitWarning = emitWarning;
  }
  return sqlite;
}

let fts5: boolean | undefined;

/**
 * Whether this Node's bundled SQLite has FTS5. Official builds have it from Node 22.16 (nodejs/node#57621) and
 * in every Node 24; some older or distribution builds do not.
 */
export function hasFts5(): boolean {
  if (fts5 === undefined) {
    const db = new (loadSqlite().DatabaseSync)(":memory:");
    try {
      db.exec("CREATE VIRTUAL TABLE probe USING fts5 (text)");
      fts5 = true;
    } catch {
      fts5 = false;
    } finally {
      db.close();
    }
  }
  return fts5;
}

export const NO_FTS5 = `this Node.js (${process.versions.node}) was built without SQLite FTS5, which search needs; use Node.js >= 22.16 (24 LTS recommended)`;
