import { legalPageLoad } from '$lib/server/legal-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = legalPageLoad('terms');
