import type { AttributeDefinitionInput, BrandInput, CategoryInput, ProductInput, TransitionBody } from '@shop/contracts/catalog';
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
import type { z } from 'zod';
import type { ApiClient, QueryValue } from '$lib/api/client';
import { id } from './http';

/** Staff catalog: taxonomy, products and their lifecycle. */
export function catalogAdminEndpoints(api: ApiClient) {
  return {
    categories: () => api.get('/api/admin/categories', { schema: AdminCategoryTree }),
    createCategory: (body: z.input<typeof CategoryInput>) => api.post('/api/admin/categories', { body, schema: AdminCategory }),
    updateCategory: (categoryId: string, body: z.input<typeof CategoryInput>) =>
      api.put(`/api/admin/categories/${id(categoryId)}`, { body, schema: AdminCategory }),
    deleteCategory: (categoryId: string) => api.delete(`/api/admin/categories/${id(categoryId)}`),
    brands: () => api.get('/api/admin/brands', { schema: AdminBrandList }),
    createBrand: (body: z.input<typeof BrandInput>) => api.post('/api/admin/brands', { body, schema: AdminBrand }),
    updateBrand: (brandId: string, body: z.input<typeof BrandInput>) =>
      api.put(`/api/admin/brands/${id(brandId)}`, { body, schema: AdminBrand }),
    deleteBrand: (brandId: string) => api.delete(`/api/admin/brands/${id(brandId)}`),
    attributes: (categoryId: string | undefined) => api.get('/api/admin/attributes', { query: { categoryId }, schema: AdminAttributeList }),
    createAttribute: (body: z.input<typeof AttributeDefinitionInput>) =>
      api.post('/api/admin/attributes', { body, schema: AdminAttributeDefinition }),
    updateAttribute: (attributeId: string, body: z.input<typeof AttributeDefinitionInput>) =>
      api.put(`/api/admin/attributes/${id(attributeId)}`, { body, schema: AdminAttributeDefinition }),
    deleteAttribute: (attributeId: string) => api.delete(`/api/admin/attributes/${id(attributeId)}`),
    products: (query: Record<string, QueryValue>) => api.get('/api/admin/products', { query, schema: AdminProductList }),
    reviewQueue: (page: number, pageSize?: number) =>
      api.get('/api/admin/products/review-queue', { query: { page, pageSize }, schema: AdminProductList }),
    product: (productId: string) => api.get(`/api/admin/products/${id(productId)}`, { schema: AdminProduct }),
    createProduct: (body: ProductInput) => api.post('/api/admin/products', { body, schema: AdminProduct }),
    updateProduct: (productId: string, body: ProductInput) =>
      api.put(`/api/admin/products/${id(productId)}`, { body, schema: AdminProduct }),
    transition: (productId: string, body: z.input<typeof TransitionBody>) =>
      api.post(`/api/admin/products/${id(productId)}/transitions`, { body, schema: AdminProduct }),
    /** An approver approves or rejects (with a reason) the product's pending revision. */
    decideRevision: (productId: string, body: z.input<typeof RevisionDecisionBody>) =>
      api.post(`/api/admin/products/${id(productId)}/revision`, { body, schema: AdminProduct }),
    /** Multipart: `file`, optional `variantId`, `alt.zh-TW`, `alt.en`. */
    uploadImage: (productId: string, form: FormData) =>
      api.post(`/api/admin/products/${id(productId)}/images`, { body: form, schema: AdminImage }),
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
    log: (productId: string, page: number) =>
      api.get(`/api/admin/products/${id(productId)}/log`, { query: { page }, schema: OperationLog }),
  };
}
