import {
  AdminLegalPage,
  LegalPage,
  PaymentSettings,
  PublicPaymentSettings,
  PublicStore,
  StoreSettings,
  type LegalPageInput,
  type LegalPageSlug,
  type PaymentSettingsInput,
  type StoreSettingsInput,
} from '@shop/contracts/store';
import type { ApiClient } from '$lib/api/client';

/** The shop's details and legal pages, as shoppers see them. */
export function storeEndpoints(api: ApiClient) {
  return {
    details: () => api.get('/api/store', { schema: PublicStore }),
    /** The ways to pay checkout offers, and ECPay's code deadlines. */
    payments: () => api.get('/api/store/payments', { schema: PublicPaymentSettings }),
    page: (slug: LegalPageSlug, locale: string) => api.get(`/api/store/pages/${slug}`, { query: { locale }, schema: LegalPage }),
  };
}

/** Staff: the shop's details and legal pages, each saved on the version read. */
export function storeAdminEndpoints(api: ApiClient) {
  return {
    storeSettings: () => api.get('/api/admin/store/settings', { schema: StoreSettings }),
    paymentSettings: () => api.get('/api/admin/store/payments', { schema: PaymentSettings }),
    /** 409 VERSION_CONFLICT when someone saved after the version read. */
    updatePaymentSettings: (body: PaymentSettingsInput) => api.put('/api/admin/store/payments', { body, schema: PaymentSettings }),
    updateStoreSettings: (body: StoreSettingsInput) => api.put('/api/admin/store/settings', { body, schema: StoreSettings }),
    legalPage: (slug: LegalPageSlug) => api.get(`/api/admin/store/pages/${slug}`, { schema: AdminLegalPage }),
    updateLegalPage: (slug: LegalPageSlug, body: LegalPageInput) =>
      api.put(`/api/admin/store/pages/${slug}`, { body, schema: AdminLegalPage }),
  };
}
