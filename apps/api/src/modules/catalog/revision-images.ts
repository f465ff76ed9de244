// The images a pending revision proposes: an ordered list of existing image ids and new uploads
// (their files already stored). Shown to staff as image rows; written only when approved.
import type { Tx } from '../../db/client.js';
import * as repo from './catalog.repo.js';
import type { ProposedImage } from './catalog.tables.js';

/** The proposed list as image rows in order (new uploads get their proposal id); ids no longer live are left out. */
export function resolvePlan(plan: readonly ProposedImage[], live: readonly repo.ImageRow[], productId: string, at: Date): repo.ImageRow[] {
  const byId = new Map(live.map((i) => [i.id, i]));
  return plan.flatMap((p, sortOrder): repo.ImageRow[] => {
    if (p.new) return [{ ...p.new, id: p.id, productId, sortOrder, createdAt: at }];
    const row = byId.get(p.id);
    return row ? [{ ...row, sortOrder }] : [];
  });
}

/** The product's images made to match the plan: missing ones deleted, new ones inserted, all in the plan's order. */
export async function applyImagePlan(tx: Tx, productId: string, plan: readonly ProposedImage[]): Promise<void> {
  await repo.lockProductImages(tx, productId);
  const live = await repo.imagesOf(tx, productId);
  const keep = new Set(plan.filter((p) => !p.new).map((p) => p.id));
  for (const image of live) if (!keep.has(image.id)) await repo.deleteImage(tx, image.id);
  const liveIds = new Set(live.map((i) => i.id));
  for (const [i, p] of plan.entries()) {
    if (p.new) {
      const row = await repo.insertImage(tx, { ...p.new, productId });
      await repo.setImageSortOrder(tx, row.id, i);
    } else if (liveIds.has(p.id)) {
      await repo.setImageSortOrder(tx, p.id, i);
    }
  }
}
