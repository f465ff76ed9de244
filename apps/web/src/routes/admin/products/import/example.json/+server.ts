import { requireStaff } from '$lib/server/session';
import { exampleResponse } from '../examples';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) => {
  // The admin layout does not guard endpoints.
  requireStaff(locals, url);
  return exampleResponse('json');
};
