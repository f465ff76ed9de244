// Staff use cases on shipping methods and the reads the storefront and the cart need.
import { FeeSchedule, ShippingMethodInput, type ShippingMethodPatch, type ShippingMethodValues } from '@shop/contracts/shipping';
import type { Db } from '../../db/client.js';
import { uniqueViolation } from '../../db/pg.js';
import { authorize } from '../../platform/access.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { versionedValue } from '../../platform/read-versions.js';
import { withTx } from '../../platform/tx.js';
import * as repo from './shipping.repo.js';
import type { ShippingCall, ShippingMethod, ShippingMethodId } from './shipping.types.js';

const RESOURCE = 'shipping_method';

/**
 * The stored row as a method, or undefined when its fee schedule does not parse: rows are
 * validated on the way in, and one edited by hand into nonsense is offered to nobody.
 */
function toMethod(row: repo.ShippingMethodRow): ShippingMethod | undefined {
  const fee = FeeSchedule.safeParse(row.fee);
  if (!fee.success) return undefined;
  return {
    ...row,
    id: row.id as ShippingMethodId,
    kind: row.kind,
    carrier: row.carrier as ShippingMethod['carrier'],
    fee: fee.data,
  };
}

const readable = (rows: repo.ShippingMethodRow[]) => rows.map(toMethod).filter((m): m is ShippingMethod => m !== undefined);

const notFound = (id: string) => new NotFoundError('shipping method', id, 'SHIPPING_METHOD_NOT_FOUND');

/** Runs a write, turning a taken code into 409 SHIPPING_METHOD_CODE_TAKEN. */
async function mappingCodeTaken<T>(code: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (uniqueViolation(err) === 'shipping_methods_code_uq') {
      throw new ConflictError('SHIPPING_METHOD_CODE_TAKEN', `Another shipping method has the code ${code ?? ''}.`.trim(), { code });
    }
    throw err;
  }
}

/**
 * The active methods, by sort order then code: what the cart quotes with `quoteShipping`. No
 * access check (server-side callers only); routes use `listStorefrontMethods`.
 */
export async function listActiveMethods(db: Db): Promise<ShippingMethod[]> {
  return readable(await repo.listActive(db));
}

const activeKept = versionedValue<ShippingMethod[]>();

/**
 * `listActiveMethods` from a copy kept in this process while the `shipping` read version
 * (`readVersions`, read by the caller just before) is `version`: every write of a method moves it.
 */
export async function listActiveMethodsAt(db: Db, version: number | undefined): Promise<ShippingMethod[]> {
  return activeKept.get(db, version, () => listActiveMethods(db));
}

/** The active methods for a shopper (anyone may read them, by the default policies). */
export async function listStorefrontMethods(db: Db, call: ShippingCall): Promise<ShippingMethod[]> {
  await authorize(db, { ...call, action: 'read', resource: { type: RESOURCE, status: 'active' } });
  return listActiveMethods(db);
}

/** Every method, inactive ones too (staff). */
export async function listMethods(db: Db, call: ShippingCall): Promise<ShippingMethod[]> {
  await authorize(db, { ...call, action: 'read', resource: { type: RESOURCE } });
  return readable(await repo.listAll(db));
}

/** One method (staff); throws 404 SHIPPING_METHOD_NOT_FOUND. */
export async function getMethod(db: Db, input: ShippingCall & { methodId: string }): Promise<ShippingMethod> {
  await authorize(db, { ...input, action: 'read', resource: { type: RESOURCE, id: input.methodId } });
  const row = await repo.findMethod(db, input.methodId);
  const method = row && toMethod(row);
  if (!method) throw notFound(input.methodId);
  return method;
}

/** Adds a method; a taken code is 409 SHIPPING_METHOD_CODE_TAKEN. */
export async function createMethod(db: Db, input: ShippingCall & { values: ShippingMethodValues }): Promise<ShippingMethod> {
  await authorize(db, { ...input, action: 'create', resource: { type: RESOURCE } });
  const row = await mappingCodeTaken(input.values.code, () => withTx(db, async (tx) => (await repo.insertMethods(tx, [input.values]))[0]!));
  return toMethod(row)!;
}

/**
 * Changes some fields of a method. The method with the changes merged is checked as a whole (a store
 * chain on a home delivery method, a minimum above the maximum: 400 VALIDATION_FAILED); a taken code
 * is 409 SHIPPING_METHOD_CODE_TAKEN.
 */
export async function updateMethod(
  db: Db,
  input: ShippingCall & { methodId: string; patch: ShippingMethodPatch },
): Promise<ShippingMethod> {
  await authorize(db, { ...input, action: 'update', resource: { type: RESOURCE, id: input.methodId } });
  const row = await mappingCodeTaken(input.patch.code, () =>
    withTx(db, async (tx) => {
      const current = await repo.findMethodForUpdate(tx, input.methodId);
      if (!current) throw notFound(input.methodId);
      const { id: _id, createdAt: _c, updatedAt: _u, ...stored } = current;
      const merged = ShippingMethodInput.safeParse({ ...stored, ...input.patch });
      if (!merged.success) {
        throw new ValidationError(
          merged.error.issues.map((i) => ({
            path: ['body', ...i.path.map(String)].join('.'),
            message: i.message,
            code: (i as { params?: { code?: string } }).params?.code ?? i.code,
          })),
        );
      }
      return (await repo.updateMethod(tx, current.id, merged.data))!;
    }),
  );
  return toMethod(row)!;
}

/**
 * Takes a method off the storefront (DELETE). The row stays: orders and shipments will refer to it
 * by id, and staff may switch it on again. Deactivating an inactive method changes nothing.
 */
export async function deactivateMethod(db: Db, input: ShippingCall & { methodId: string }): Promise<void> {
  await authorize(db, { ...input, action: 'delete', resource: { type: RESOURCE, id: input.methodId } });
  await withTx(db, async (tx) => {
    const current = await repo.findMethodForUpdate(tx, input.methodId);
    if (!current) throw notFound(input.methodId);
    if (current.active) await repo.updateMethod(tx, current.id, { active: false });
  });
}
