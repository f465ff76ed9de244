// Examples of both import formats, shown on the page and offered as downloads (example.csv, example.json).
// They fit the demo catalog (category t-shirts with material, sleeve, colour and size; brand slugs);
// on another catalog the references are what the user changes.

/** One row per SKU; the product's columns may stay empty after its first row. */
export const csvExample = [
  'product,category,name_zh,name_en,brand,basic.material,basic.sleeve,sku,price,compare_at_price,sales.color,sales.size',
  'crew-tee,t-shirts,範例圓領T恤,Sample crew-neck tee,good-days,棉,短袖,SAMPLE-CREW-BK-M,390,490,黑色,M',
  'crew-tee,,,,,,,SAMPLE-CREW-BK-L,390,490,黑色,L',
  'vneck-tee,t-shirts,"範例V領T恤, 寬版",Sample V-neck tee,aoki,有機棉,長袖,SAMPLE-VNECK-WH-M,450,,白色,M',
  '',
].join('\r\n');

/** The JSON import shape: `spu`, `basicAttributes`, `skus` with `salesAttributes`; prices in whole NT$. */
export const jsonExample = `${JSON.stringify(
  [
    {
      categoryId: 't-shirts',
      spu: { name: '範例條紋T恤', nameEn: 'Sample striped tee', description: '柔軟舒適，100% 純棉', brand: 'good-days' },
      basicAttributes: [
        { attributeName: '材質', value: '棉' },
        { attributeName: '袖型', value: '短袖' },
      ],
      skus: [
        {
          skuCode: 'SAMPLE-STRIPE-WH-S',
          price: 420,
          compareAtPrice: 520,
          salesAttributes: [
            { attributeName: '顏色', value: '白色' },
            { attributeName: '尺寸', value: 'S' },
          ],
        },
        {
          skuCode: 'SAMPLE-STRIPE-WH-M',
          price: 420,
          compareAtPrice: 520,
          salesAttributes: [
            { attributeName: '顏色', value: '白色' },
            { attributeName: '尺寸', value: 'M' },
          ],
        },
      ],
    },
  ],
  null,
  2,
)}\n`;

/** A download of the example; a UTF-8 BOM before the CSV, so Excel opens it as UTF-8. */
export function exampleResponse(format: 'csv' | 'json'): Response {
  const body = format === 'csv' ? `\uFEFF${csvExample}` : jsonExample;
  return new Response(body, {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="products-example.${format}"`,
      'cache-control': 'no-cache',
    },
  });
}
