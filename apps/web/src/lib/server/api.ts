import { DecisionResponse, PolicyList, Policy, type DecisionRequest, type PolicyInput } from '@shop/contracts/access';
import { AdminConsole, DeadEventList, MailList, MailMessage } from '@shop/contracts/admin';
import {
  AcceptedResponse,
  Address,
  AddressList,
  AdminUser,
  AuthResponse,
  LoginLog,
  Me,
  SessionList,
  UserList,
  type AddressInput,
  type LoginBody,
  type ProfileUpdateBody,
  type RegisterBody,
  type Role,
} from '@shop/contracts/identity';
import {
  BrandList,
  CategoryTree,
  ProductDetail,
  ProductListResponse,
  ProductSummaryList,
  SuggestResponse,
  type AttributeDefinitionInput,
  type BrandInput,
  type CategoryInput,
  type ProductInput,
  type TransitionBody,
} from '@shop/contracts/catalog';
import {
  AdminAttributeDefinition,
  AdminAttributeList,
  AdminBrand,
  AdminBrandList,
  AdminCategory,
  AdminCategoryTree,
  AdminImage,
  AdminImageList,
  AdminProduct,
  AdminProductList,
  ImportResult,
  OperationLog,
  type RevisionDecisionBody,
} from '@shop/contracts/catalog-admin';
import type { Cookies } from '@sveltejs/kit';
import type { z } from 'zod';
import { parseSetCookie } from 'set-cookie-parser';
import { createApiClient, type ApiClient, type QueryValue } from '$lib/api/client';

/** What of a SvelteKit `RequestEvent` the server-side API client needs. */
export interface ForwardingContext {
  request: Request;
  cookies: Pick<Cookies, 'set'>;
  /** Request id of the incoming request, sent as the trace id of every API call it makes. */
  requestId: string;
  /** The visitor's IP (`event.getClientAddress()`), for the API's rate limits and login log. */
  clientAddress: string | undefined;
}

function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

/**
 * The API client for server `load`s and form actions, built per request by `hooks.server.ts`
 * (`event.locals.api`). It forwards the visitor's session (cookies, `Authorization`) and request
 * id to the API, and passes every `Set-Cookie` the API answers with (e.g. tokens rotated by a
 * refresh on 401) on to the browser, so a server-side refresh never strands the browser on a
 * revoked refresh token.
 *
 * It uses the network `fetch`, not `event.fetch`: SvelteKit would route a same-origin `/api/*`
 * request to its own routes, while the API lives in front of it on the same port.
 */
export function createServerApi(ctx: ForwardingContext, apiOrigin: string): ServerApi {
  const jar = parseCookieHeader(ctx.request.headers.get('cookie'));
  const authorization = ctx.request.headers.get('authorization');
  const userAgent = ctx.request.headers.get('user-agent');
  // Append the visitor to any proxy chain, as a proxy would; the API trusts it from loopback only.
  const forwardedFor = [ctx.request.headers.get('x-forwarded-for'), ctx.clientAddress].filter(Boolean).join(', ');

  const client = createApiClient({
    baseUrl: apiOrigin,
    traceId: () => ctx.requestId,
    headers: () => {
      const headers: Record<string, string> = {
        // The API checks Origin on writes. SvelteKit has already checked the browser's against the
        // page's; this call goes to the API's own address, so it names that (whatever host the
        // visitor used: a LAN address, a name outside PUBLIC_URL).
        origin: apiOrigin,
      };
      if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      if (authorization) headers.authorization = authorization;
      if (userAgent) headers['user-agent'] = userAgent;
      if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
      return headers;
    },
    onResponse: (response) => {
      for (const cookie of parseSetCookie(response.headers.getSetCookie(), { decodeValues: false })) {
        const expired = cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
        if (expired) jar.delete(cookie.name);
        else jar.set(cookie.name, cookie.value);
        ctx.cookies.set(cookie.name, cookie.value, {
          path: cookie.path ?? '/',
          domain: cookie.domain,
          expires: cookie.expires,
          maxAge: cookie.maxAge,
          // Explicit, because SvelteKit would otherwise default both to true.
          httpOnly: cookie.httpOnly ?? false,
          secure: cookie.secure ?? false,
          sameSite: sameSite(cookie.sameSite),
          encode: (value: string) => value,
        });
      }
    },
  });
  return { ...client, ...endpoints(client) };
}

function sameSite(value: string | undefined): 'lax' | 'strict' | 'none' | undefined {
  const lower = value?.toLowerCase();
  return lower === 'lax' || lower === 'strict' || lower === 'none' ? lower : undefined;
}

const id = (value: string) => encodeURIComponent(value);

/** A query string with repeatable keys (`attr=size:M&attr=size:L`), blank values left out. */
export function queryString(query: Record<string, string | number | boolean | readonly string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** What the storefront list asks for (`GET /api/products`); `attr` values are `code:value`. */
export interface ProductListParams {
  q?: string | undefined;
  category?: string | undefined;
  brand?: string | undefined;
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  attr?: readonly string[] | undefined;
  inStock?: 'true' | undefined;
  sort?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  locale: string;
}

/**
 * The API's identity, account and admin endpoints, typed and parsed with `@shop/contracts`.
 * Calls that need a session refresh on 401, `/api/auth/*` ones included (the client skips the
 * refresh there by default, so a failed login is not mistaken for an expired session).
 */
export function endpoints(api: ApiClient) {
  const session = { refreshOn401: true } as const;
  return {
    auth: {
      register: (body: RegisterBody) => api.post('/api/auth/register', { body, schema: AuthResponse }),
      login: (body: LoginBody) => api.post('/api/auth/login', { body, schema: AuthResponse }),
      logout: () => api.post('/api/auth/logout'),
      logoutAll: () => api.post('/api/auth/logout-all', session),
      me: () => api.get('/api/auth/me', { ...session, schema: Me }),
      forgotPassword: (body: { email: string }) => api.post('/api/auth/password/forgot', { body, schema: AcceptedResponse }),
      resetPassword: (body: { token: string; newPassword: string }) => api.post('/api/auth/password/reset', { body }),
      verifyEmail: (body: { token: string }) => api.post('/api/auth/email/verify', { body }),
      resendVerification: () => api.post('/api/auth/email/resend', session),
    },
    account: {
      profile: () => api.get('/api/users/me/profile', { schema: Me }),
      updateProfile: (body: ProfileUpdateBody) => api.put('/api/users/me/profile', { body, schema: Me }),
      changePassword: (body: { currentPassword: string; newPassword: string }) => api.post('/api/users/me/password', { body }),
      sessions: () => api.get('/api/users/me/sessions', { schema: SessionList }),
      endSession: (sessionId: string) => api.delete(`/api/users/me/sessions/${id(sessionId)}`),
      addresses: () => api.get('/api/users/me/addresses', { schema: AddressList }),
      address: (addressId: string) => api.get(`/api/users/me/addresses/${id(addressId)}`, { schema: Address }),
      createAddress: (body: AddressInput) => api.post('/api/users/me/addresses', { body, schema: Address }),
      updateAddress: (addressId: string, body: AddressInput) =>
        api.put(`/api/users/me/addresses/${id(addressId)}`, { body, schema: Address }),
      deleteAddress: (addressId: string) => api.delete(`/api/users/me/addresses/${id(addressId)}`),
    },
    admin: {
      /** The console sections the signed-in staff member may use (the API asks its access policies). */
      console: () => api.get('/api/admin/me', { ...session, schema: AdminConsole }),
      users: (query: Record<string, QueryValue>) => api.get('/api/admin/users', { query, schema: UserList }),
      user: (userId: string) => api.get(`/api/admin/users/${id(userId)}`, { schema: AdminUser }),
      loginLog: (userId: string, page: number) =>
        api.get(`/api/admin/users/${id(userId)}/login-log`, { query: { page }, schema: LoginLog }),
      grantRole: (userId: string, role: Role) =>
        api.post(`/api/admin/users/${id(userId)}/roles`, { body: { role }, schema: AdminUser }),
      revokeRole: (userId: string, role: Role) =>
        api.delete(`/api/admin/users/${id(userId)}/roles/${id(role)}`, { schema: AdminUser }),
      disableUser: (userId: string) => api.post(`/api/admin/users/${id(userId)}/disable`, { schema: AdminUser }),
      enableUser: (userId: string) => api.post(`/api/admin/users/${id(userId)}/enable`, { schema: AdminUser }),
      unlockUser: (userId: string) => api.post(`/api/admin/users/${id(userId)}/unlock`, { schema: AdminUser }),
      policies: () => api.get('/api/admin/policies', { schema: PolicyList }),
      createPolicy: (body: PolicyInput) => api.post('/api/admin/policies', { body, schema: Policy }),
      updatePolicy: (policyId: string, body: PolicyInput) => api.put(`/api/admin/policies/${id(policyId)}`, { body, schema: Policy }),
      deletePolicy: (policyId: string) => api.delete(`/api/admin/policies/${id(policyId)}`),
      evaluate: (body: DecisionRequest) => api.post('/api/admin/policies/evaluate', { body, schema: DecisionResponse }),
      deadEvents: () => api.get('/api/admin/outbox/dead', { schema: DeadEventList }),
      requeue: (eventId: string) => api.post(`/api/admin/outbox/${id(eventId)}/requeue`),
      mailbox: (query: Record<string, QueryValue>) => api.get('/api/admin/mailbox', { query, schema: MailList }),
      mail: (mailId: string) => api.get(`/api/admin/mailbox/${id(mailId)}`, { schema: MailMessage }),
    },
    /** Shopper-facing catalog reads; `locale` picks the language of names and labels. */
    catalog: {
      products: (params: ProductListParams) => api.get(`/api/products${queryString({ ...params })}`, { schema: ProductListResponse }),
      /** A former slug is followed (the API answers 301); compare the slug of the answer. */
      product: (idOrSlug: string, locale: string) => api.get(`/api/products/${id(idOrSlug)}`, { query: { locale }, schema: ProductDetail }),
      bestsellers: (limit: number, locale: string) => api.get('/api/products/bestsellers', { query: { limit, locale }, schema: ProductSummaryList }),
      categories: (locale: string) => api.get('/api/categories', { query: { locale }, schema: CategoryTree }),
      brands: (locale: string) => api.get('/api/brands', { query: { locale }, schema: BrandList }),
      suggest: (q: string, locale: string) => api.get('/api/search/suggest', { query: { q, locale }, schema: SuggestResponse }),
    },
    /** Staff catalog: taxonomy, products and their lifecycle. */
    catalogAdmin: {
      categories: () => api.get('/api/admin/categories', { schema: AdminCategoryTree }),
      createCategory: (body: z.input<typeof CategoryInput>) => api.post('/api/admin/categories', { body, schema: AdminCategory }),
      updateCategory: (categoryId: string, body: z.input<typeof CategoryInput>) =>
        api.put(`/api/admin/categories/${id(categoryId)}`, { body, schema: AdminCategory }),
      deleteCategory: (categoryId: string) => api.delete(`/api/admin/categories/${id(categoryId)}`),
      brands: () => api.get('/api/admin/brands', { schema: AdminBrandList }),
      createBrand: (body: z.input<typeof BrandInput>) => api.post('/api/admin/brands', { body, schema: AdminBrand }),
      updateBrand: (brandId: string, body: z.input<typeof BrandInput>) => api.put(`/api/admin/brands/${id(brandId)}`, { body, schema: AdminBrand }),
      deleteBrand: (brandId: string) => api.delete(`/api/admin/brands/${id(brandId)}`),
      attributes: (categoryId: string | undefined) => api.get('/api/admin/attributes', { query: { categoryId }, schema: AdminAttributeList }),
      createAttribute: (body: z.input<typeof AttributeDefinitionInput>) => api.post('/api/admin/attributes', { body, schema: AdminAttributeDefinition }),
      updateAttribute: (attributeId: string, body: z.input<typeof AttributeDefinitionInput>) =>
        api.put(`/api/admin/attributes/${id(attributeId)}`, { body, schema: AdminAttributeDefinition }),
      deleteAttribute: (attributeId: string) => api.delete(`/api/admin/attributes/${id(attributeId)}`),
      products: (query: Record<string, QueryValue>) => api.get('/api/admin/products', { query, schema: AdminProductList }),
      reviewQueue: (page: number, pageSize?: number) => api.get('/api/admin/products/review-queue', { query: { page, pageSize }, schema: AdminProductList }),
      product: (productId: string) => api.get(`/api/admin/products/${id(productId)}`, { schema: AdminProduct }),
      createProduct: (body: ProductInput) => api.post('/api/admin/products', { body, schema: AdminProduct }),
      updateProduct: (productId: string, body: ProductInput) => api.put(`/api/admin/products/${id(productId)}`, { body, schema: AdminProduct }),
      transition: (productId: string, body: z.input<typeof TransitionBody>) =>
        api.post(`/api/admin/products/${id(productId)}/transitions`, { body, schema: AdminProduct }),
      /** An approver approves or rejects (with a reason) the product's pending revision. */
      decideRevision: (productId: string, body: z.input<typeof RevisionDecisionBody>) =>
        api.post(`/api/admin/products/${id(productId)}/revision`, { body, schema: AdminProduct }),
      /** Multipart: `file`, optional `variantId`, `alt.zh-TW`, `alt.en`. */
      uploadImage: (productId: string, form: FormData) => api.post(`/api/admin/products/${id(productId)}/images`, { body: form, schema: AdminImage }),
      deleteImage: (productId: string, imageId: string) => api.delete(`/api/admin/products/${id(productId)}/images/${id(imageId)}`),
      /** Every image id of the product once, in the new order; the first is the product's cover. */
      reorderImages: (productId: string, ids: string[]) =>
        api.put(`/api/admin/products/${id(productId)}/images/order`, { body: { ids }, schema: AdminImageList }),
      /**
       * Imports the file's products as drafts, all or none; the text goes as it is. A bad file
       * fails with IMPORT_INVALID, its `errors: [{ row, path, message }]` in `ApiError.document`.
       */
      importProducts: (file: { text: string; format: 'json' | 'csv' }) =>
        api.post('/api/admin/products/import', {
          body: file.text,
          headers: { 'content-type': file.format === 'csv' ? 'text/csv' : 'application/json' },
          schema: ImportResult,
        }),
      log: (productId: string, page: number) => api.get(`/api/admin/products/${id(productId)}/log`, { query: { page }, schema: OperationLog }),
    },
  };
}

/** The generic client plus the typed endpoints; `event.locals.api`. */
export type ServerApi = ApiClient & ReturnType<typeof endpoints>;
