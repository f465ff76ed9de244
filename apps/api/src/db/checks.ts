import type pg from 'pg';

/** The database would break search or mangle text: refused at start with the fix in the message. */
export class DatabaseLocaleError extends Error {
  constructor(database: string, encoding: string, ctype: string) {
    super(
      `Database "${database}" has ENCODING ${encoding} and LC_CTYPE ${ctype}. ` +
        'The platform needs UTF8 with a UTF-8 LC_CTYPE: with a C/POSIX ctype, pg_trgm silently drops ' +
        'Chinese characters and product search breaks. Fix: create the database with\n' +
        `  CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8';\n` +
        '(or LC_COLLATE/LC_CTYPE of another UTF-8 locale, e.g. zh_TW.UTF-8) and point DATABASE_URL at it.',
    );
    this.name = 'DatabaseLocaleError';
  }
}

export function isUtf8Ctype(ctype: string): boolean {
  return /utf-?8/i.test(ctype);
}

/** Refuses a database whose encoding or ctype would break Chinese text search. */
export async function assertDatabaseLocale(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ datname: string; encoding: string; ctype: string }>(
    `SELECT datname, pg_encoding_to_char(encoding) AS encoding, datctype AS ctype
       FROM pg_database WHERE datname = current_database()`,
  );
  const row = rows[0];
  if (!row) throw new Error('could not read the current database from pg_database');
  if (row.encoding !== 'UTF8' || !isUtf8Ctype(row.ctype)) {
    throw new DatabaseLocaleError(row.datname, row.encoding, row.ctype);
  }
}
