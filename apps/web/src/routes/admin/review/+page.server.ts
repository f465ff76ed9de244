import { TransitionBody } from '@shop/contracts/catalog';
import { RevisionDecisionBody } from '@shop/contracts/catalog-admin';
import { IdParams } from '@shop/contracts/identity';
import { text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Few per page: each comes with its full preview. */
const PAGE_SIZE = 10;

export const load: PageServerLoad = async ({ locals, url }) => {
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  try {
    const queue = await locals.api.catalogAdmin.reviewQueue(page, PAGE_SIZE);
    const products = await Promise.all(queue.items.map((item) => locals.api.catalogAdmin.product(item.id)));
    return { queue, products };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  /**
   * Approve or reject (with a reason) from the queue: a submitted product moves through its
   * lifecycle (at the version the reviewer saw), a pending revision of a live product is decided.
   */
  decide: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = {
      productId: text(form, 'productId'),
      kind: text(form, 'kind'),
      decision: text(form, 'decision'),
      reason: text(form, 'reason').trim(),
      version: text(form, 'version'),
      name: text(form, 'name'),
    };
    const id = IdParams.safeParse({ id: values.productId });
    if (!id.success || (values.decision !== 'approve' && values.decision !== 'reject'))
      return invalid('decide', {}, values, locals.t('problem.VALIDATION_FAILED'));
    if (values.decision === 'reject' && !values.reason) return invalid('decide', { reason: locals.t('fieldError.required') }, values);
    const revision = RevisionDecisionBody.safeParse({ decision: values.decision, reason: values.reason || undefined });
    const transition = TransitionBody.safeParse({
      action: values.decision,
      reason: values.reason || undefined,
      version: values.version ? Number(values.version) : undefined,
    });
    if (!revision.success || !transition.success) return invalid('decide', {}, values, locals.t('problem.VALIDATION_FAILED'));
    try {
      if (values.kind === 'revision') await locals.api.catalogAdmin.decideRevision(id.data.id, revision.data);
      else await locals.api.catalogAdmin.transition(id.data.id, transition.data);
    } catch (err) {
      return apiFailure(err, { form: 'decide', values, t: locals.t, url });
    }
    return { form: 'decide', done: values.decision, name: values.name };
  },
};
