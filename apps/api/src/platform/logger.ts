import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Properties of an error that carry a failed query's values (drizzle: `params`; pg: `parameters`, `detail`, `where`). */
const VALUE_KEYS = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery', 'cause']);
const REDACTED = '[redacted]';

/** drizzle's "Failed query: <sql>\nparams: <values>" keeps the SQL (placeholders only) and drops the values. */
function scrubMessage(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, `\nparams: ${REDACTED}`);
}

/**
 * Errors as pino's serializer writes them (type, message, stack, own fields, causes), minus
 * everything that carries a query's values: an error log line never holds an email, a password
 * hash or a token that was a query parameter.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = {
    type: err.constructor.name,
    message: scrubMessage(err.message),
    stack: err.stack === undefined ? undefined : scrubMessage(err.stack),
  };
  for (const [key, value] of Object.entries(err)) {
    if (VALUE_KEYS.has(key) || key in out) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  if (err.cause !== undefined && depth < 5) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/** Last line of defence for values that slipped into a message: argon2 hashes and JWTs. */
const SECRET_TEXT = [/\$argon2(?:id|i|d)\$[^"\s\\]*/g, /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]+/g];

/**
 * pino JSON logs (pretty in development). Credentials never reach a log line: headers and fields
 * that hold them are redacted, errors lose their query values, and hashes or tokens in any text
 * are blanked. `destination` is for tests (ignored when pretty).
 */
export function createLogger(opts: { level: string; pretty: boolean }, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level,
    serializers: { err: serializeError, error: serializeError },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.currentPassword',
        '*.newPassword',
        '*.token',
        '*.refreshToken',
        '*.accessToken',
        '*.secret',
        '*.params',
        '*.parameters',
      ],
      censor: REDACTED,
    },
    hooks: { streamWrite: (line) => SECRET_TEXT.reduce((s, re) => s.replace(re, REDACTED), line) },
  };
  if (opts.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return destination ? pino(options, destination) : pino(options);
}
