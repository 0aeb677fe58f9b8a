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
