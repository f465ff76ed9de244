import { expect, type APIRequestContext } from '@playwright/test';
import { admin } from './helpers';

/** An 8×8 PNG. */
export const PNG_8X8 = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4EaCBFTEMLQkAaplQAc/OcKAAAAAASUVORK5CYII=';

/** Staff catalog calls through the admin API, for test data the pages then show. */
export class CatalogAdmin {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly origin: string,
  ) {}

  /** Signs `request` in as the e2e admin (its cookies then carry the session). */
  static async signIn(request: APIRequestContext, origin: string, who = admin): Promise<CatalogAdmin> {
    const res = await request.post('/api/auth/login', { data: { identifier: who.email, password: who.password }, headers: { origin } });
    expect(res.status(), await res.text()).toBe(200);
    return new CatalogAdmin(request, origin);
  }

  async call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const res = await this.request.fetch(path, { method, data, headers: { origin: this.origin } });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (res.status() === 204 ? undefined : await res.json()) as T;
  }

  /** A top-level category (unique slug) with an enum `size` sales attribute and a text `material` basic one. */
  async apparelCategory(tag: string, sizes = ['S', 'M', 'L']): Promise<{ id: string; slug: string; name: string }> {
    const name = `上衣 ${tag}`;
    const category = await this.call<{ id: string; slug: string }>('POST', '/api/admin/categories', {
      parentId: null,
      name: { 'zh-TW': name, en: `Tops ${tag}` },
      slug: `tops-${tag}`,
    });
    await this.call('POST', '/api/admin/attributes', {
      categoryId: category.id,
      code: 'size',
      kind: 'sales',
      type: 'enum',
      required: true,
      label: { 'zh-TW': '尺寸', en: 'Size' },
      allowedValues: sizes.map((s) => ({ value: s, label: { 'zh-TW': s, en: s } })),
    });
    await this.call('POST', '/api/admin/attributes', {
      categoryId: category.id,
      code: 'material',
      kind: 'basic',
      type: 'text',
      required: false,
      label: { 'zh-TW': '材質', en: 'Material' },
    });
    return { ...category, name };
  }

  /** Uploads a small PNG to the product (a product needs an image before it is submitted for review). */
  async addImage(productId: string): Promise<void> {
    const res = await this.request.post(`/api/admin/products/${productId}/images`, {
      multipart: { file: { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(PNG_8X8, 'base64') } },
      headers: { origin: this.origin },
    });
    expect(res.status(), await res.text()).toBe(201);
  }

  /** A draft with one variant per `[size, price]`. */
  async draft(input: {
    categoryId: string;
    name: string;
    en?: string;
    skuPrefix: string;
    variants: [size: string, price: number][];
    /** Product flags, e.g. `{ coolingOffExempt: true }`. */
    flags?: Record<string, boolean>;
  }) {
    return this.call<{ id: string; slug: string; version: number }>('POST', '/api/admin/products', {
      ...input.flags,
      name: { 'zh-TW': input.name, en: input.en ?? input.name },
      description: { 'zh-TW': `${input.name}，舒適好穿。` },
      primaryCategoryId: input.categoryId,
      basicAttributes: { material: '棉' },
      variants: input.variants.map(([size, price]) => ({
        sku: `${input.skuPrefix}-${size}`,
        salesAttributes: { size },
        priceMinor: price,
      })),
    });
  }

  /**
   * A product with one variant per `[size, price]` and an image, submitted, approved and put on the
   * shelf; with `stock`, each variant has that many units on hand first.
   */
  async productOnShelf(input: {
    categoryId: string;
    name: string;
    en?: string;
    skuPrefix: string;
    variants: [size: string, price: number][];
    stock?: number;
  }) {
    const { stock, ...draft } = input;
    const product = await this.draft(draft);
    await this.addImage(product.id);
    if (stock !== undefined) {
      const detail = await this.call<{ variants: Array<{ id: string }> }>('GET', `/api/admin/products/${product.id}`);
      for (const v of detail.variants) await this.call('POST', `/api/admin/stock/${v.id}/adjust`, { set: stock, reason: '盤點' });
    }
    for (const action of ['submit', 'approve', 'put_on_shelf']) {
      await this.call('POST', `/api/admin/products/${product.id}/transitions`, { action });
    }
    return product;
  }
}

/** A short tag no earlier run used: e2e databases outlive runs. */
export function runTag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
