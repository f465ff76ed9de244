// The SQL one checkout issues, read from the PostgreSQL server's own log, and the pgbench script
// made from it (the ceiling of the spread scenario).
//
// Capture: one connection opened with `log_statement=all` (a startup option, so only that session
// logs) places one order; its log lines between two marker statements are its statements, each
// with the parameters the server logged beside it (`DETAIL:  parameters: $1 = '…'`). The log is
// read by the server itself (`pg_read_file`): `pg_current_logfile()` when the logging collector
// runs, else Debian's `/var/log/postgresql/postgresql-<major>-main.log`, else `--pg-log=<path>`.
// A server whose log no SQL function can read (the embedded one: its wrapper reads the process's
// output, and a logging collector would hide the line it waits for at start) is captured on the
// client side instead: the texts and values the driver sends, which are what the server logs.
//
// Script: the statements in their order (BEGIN … COMMIT as the checkout sends them), each `$n`
// replaced by its logged value as a literal, with the values that belong to one order turned into
// pgbench variables set by one line before them (fresh uuids, the cart, the variants, the order
// number, the second the number is counted in). It runs with `-M simple`, where pgbench writes a
// variable's value into the text, inside quotes too.
import type pg from 'pg';

export interface Statement {
  sql: string;
  params: (string | null)[];
}

/** Where the server writes its log, as a path `pg_read_file` takes. */
export async function findServerLog(pool: pg.Pool, override: string | undefined): Promise<string> {
  if (override) return override;
  const { rows } = await pool.query<{ f: string | null; v: string }>(
    `SELECT pg_current_logfile() AS f, current_setting('server_version_num') AS v`,
  );
  if (rows[0]!.f) return rows[0]!.f;
  const debian = `/var/log/postgresql/postgresql-${Math.floor(Number(rows[0]!.v) / 10000)}-main.log`;
  const { rows: st } = await pool.query(`SELECT 1 FROM pg_stat_file($1, true) WHERE size IS NOT NULL`, [debian]);
  if (st.length) return debian;
  throw new Error('no server log to read: run the server with logging_collector=on, or pass --pg-log=<path the server can read>');
}

export async function logSize(pool: pg.Pool, file: string): Promise<number> {
  const { rows } = await pool.query<{ size: string }>(`SELECT size FROM pg_stat_file($1)`, [file]);
  return Number(rows[0]!.size);
}

export async function readLog(pool: pg.Pool, file: string, from: number): Promise<string> {
  const size = await logSize(pool, file);
  if (size <= from) return '';
  const { rows } = await pool.query<{ t: string }>(`SELECT pg_read_file($1, $2, $3) AS t`, [file, from, size - from]);
  return rows[0]!.t;
}

/** A log record starts with the prefix's timestamp (`%m [%p] …`, Debian's and the default). */
const RECORD = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\][^\n]*?(LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING): {2}/;

/** The statements session `pid` logged between the markers `SELECT '<start>'` and `SELECT '<end>'`. */
export function parseLog(text: string, pid: number, start: string, end: string): Statement[] {
  const records: { level: string; body: string }[] = [];
  let current: { level: string; body: string } | undefined;
  for (const line of text.split('\n')) {
    const m = RECORD.exec(line);
    if (m) {
      current = Number(m[1]) === pid ? { level: m[2]!, body: line.slice(m[0].length) } : undefined;
      if (current) records.push(current);
    } else if (current) current.body += `\n${line.replace(/^\t/, '')}`; // the server puts a tab before each further line
  }
  const out: Statement[] = [];
  let on = false;
  for (const r of records) {
    if (r.level === 'LOG') {
      const m = /^(?:statement|execute [^:]+): ([\s\S]*)$/.exec(r.body);
      if (!m) continue;
      const sql = m[1]!.replace(/\n+$/, '');
      if (sql.includes(`'${start}'`)) {
        on = true;
        continue;
      }
      if (sql.includes(`'${end}'`)) break;
      if (on) out.push({ sql, params: [] });
    } else if (r.level === 'DETAIL' && on && out.length) {
      const m = /^parameters: ([\s\S]*)$/.exec(r.body.replace(/\n+$/, ''));
      if (!m) continue;
      const params: (string | null)[] = [];
      const re = /\$(\d+) = (NULL|'((?:[^']|'')*)')/g;
      for (let x = re.exec(m[1]!); x; x = re.exec(m[1]!)) params[Number(x[1]) - 1] = x[2] === 'NULL' ? null : x[3]!.replaceAll("''", "'");
      out.at(-1)!.params = params;
    }
  }
  return out;
}

/** What per-order value each variable stands for in the captured statements. */
export interface OrderValues {
  /** exact value → variable, also found inside longer values (JSON bodies, `order:<id>` keys) */
  embedded: Map<string, string>;
  /** exact value → variable, only where a parameter is exactly it (short numbers) */
  exact: Map<string, string>;
  /** the run's constants (the shipping method) → variable set with `-D` */
  constants: Map<string, string>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** One literal with the per-order values in it as pgbench variables (`'…' || ':var' || '…'`). */
function literal(value: string, vars: Map<string, string>): { text: string; concatenated: boolean } {
  const keys = [...vars.keys()].sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  let rest = value;
  let vared = false;
  while (rest.length) {
    let at = -1;
    let key = '';
    for (const k of keys) {
      const i = rest.indexOf(k);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        key = k;
      }
    }
    if (at < 0) {
      parts.push(quote(rest));
      break;
    }
    if (at > 0) parts.push(quote(rest.slice(0, at)));
    parts.push(`':${vars.get(key)!}'`);
    vared = true;
    rest = rest.slice(at + key.length);
  }
  if (parts.length === 0) parts.push("''");
  return { text: parts.join(' || '), concatenated: vared && parts.length > 1 };
}

/**
 * The pgbench script for `statements`. `types` are the parameters' types as the server infers
 * them (from PREPARE), used to cast a value that is a concatenation; `setup` is the line that sets
 * the per-order variables; `header` the comment on top.
 */
export function pgbenchScript(
  statements: Statement[],
  types: (string[] | undefined)[],
  values: OrderValues,
  setup: string[],
  header: string[],
): string {
  const lines = header.map((h) => `-- ${h}`);
  lines.push(...setup);
  const vars = new Map([...values.embedded, ...values.constants]);
  for (const [i, s] of statements.entries()) {
    const sql = s.sql.replace(/\$(\d+)/g, (_, n: string) => {
      const k = Number(n) - 1;
      const v = s.params[k];
      const type = types[i]?.[k];
      if (v === null || v === undefined) return type ? `NULL::${type}` : 'NULL';
      const exact = values.exact.get(v);
      if (exact) return `':${exact}'`;
      const l = literal(v, vars);
      return l.concatenated && type ? `(${l.text})::${type}` : l.text;
    });
    lines.push(`${sql.trim().replace(/;$/, '')};`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The uuids the statements write first (an INSERT or UPDATE is the first statement whose
 * parameters hold them: rows the checkout made, such as its items, snapshots and payment), in the
 * order they appear. The others were read first: rows that were there before (a brand, a category).
 */
export function uuidsMade(statements: Statement[]): string[] {
  const seen = new Set<string>();
  const made: string[] = [];
  for (const s of statements)
    for (const p of s.params)
      if (p)
        for (const m of p.matchAll(UUID)) {
          if (seen.has(m[0])) continue;
          seen.add(m[0]);
          if (/^\s*(insert|update)\b/i.test(s.sql)) made.push(m[0]);
        }
  return made;
}

/** The parameter types PostgreSQL infers for each statement (undefined where it cannot say). */
export async function parameterTypes(pool: pg.Pool, statements: Statement[]): Promise<(string[] | undefined)[]> {
  const c = await pool.connect();
  try {
    const out: (string[] | undefined)[] = [];
    for (const s of statements) {
      if (s.params.length === 0) {
        out.push(undefined);
        continue;
      }
      try {
        await c.query(`PREPARE bench_types AS ${s.sql}`);
        const { rows } = await c.query<{ t: string[] }>(
          `SELECT parameter_types::text[] AS t FROM pg_prepared_statements WHERE name = 'bench_types'`,
        );
        out.push(rows[0]?.t);
        await c.query('DEALLOCATE bench_types');
      } catch {
        out.push(undefined);
      }
    }
    return out;
  } finally {
    c.release();
  }
}
