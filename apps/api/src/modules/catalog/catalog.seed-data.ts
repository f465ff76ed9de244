// The demo catalog as compact data: a three-level tree, brands, attribute
// definitions, and word lists that catalog.seed.ts combines into products with a seeded PRNG.
type T = [zh: string, en: string];

export interface AttrSpec {
  code: string;
  kind: 'basic' | 'sales';
  type: 'text' | 'number' | 'enum';
  required?: boolean;
  label: T;
  values?: Array<[value: string, zh: string, en?: string]>;
}

export interface LeafSpec {
  slug: string;
  name: T;
  /**
   * First and second name parts (each zh/en) combined with the noun: `${a}${b}${noun}`. Every
   * combination is one product name, so `count` ≤ first × second keeps names unique.
   */
  first: T[];
  second: T[];
  noun: T;
  brands: string[];
  /** Whole New Taiwan dollars; every generated price lies within. */
  price: [min: number, max: number];
  count: number;
  /** Basic attribute values to draw from, by code. */
  basic: Record<string, Array<string | number>>;
}

export interface CategorySpec {
  slug: string;
  name: T;
  attributes?: AttrSpec[];
  children?: CategorySpec[];
  leaves?: LeafSpec[];
  virtual?: boolean;
}

export const COLOURS: Array<[value: string, zh: string, en: string, hex: string]> = [
  ['black', '黑色', 'Black', '#2d2d2d'],
  ['white', '白色', 'White', '#e9e6df'],
  ['grey', '灰色', 'Grey', '#8a8d91'],
  ['navy', '藏青', 'Navy', '#22305a'],
  ['red', '紅色', 'Red', '#c0392b'],
  ['green', '綠色', 'Green', '#2e8b57'],
  ['beige', '米色', 'Beige', '#cdb891'],
  ['blue', '藍色', 'Blue', '#2f6fd0'],
];
export const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

const colour: AttrSpec = {
  code: 'color',
  kind: 'sales',
  type: 'enum',
  required: true,
  label: ['顏色', 'Colour'],
  values: COLOURS.map(([v, zh, en]) => [v, zh, en]),
};
const size: AttrSpec = {
  code: 'size',
  kind: 'sales',
  type: 'enum',
  required: true,
  label: ['尺寸', 'Size'],
  values: SIZES.map((s) => [s, s]),
};
const material: AttrSpec = { code: 'material', kind: 'basic', type: 'text', required: true, label: ['材質', 'Material'] };

export const BRANDS: Array<[slug: string, zh: string, en: string]> = [
  ['good-days', '好日子', 'Good Days'],
  ['mountain-mist', '山嵐', 'Mountain Mist'],
  ['aoki', '青木', 'Aoki'],
  ['lumen', '光點', 'Lumen'],
  ['geekery', '極客工坊', 'Geekery'],
  ['woodsmith', '木匠', 'Woodsmith'],
  ['little-sun', '小日子', 'Little Sun'],
  ['blue-ocean', '藍海', 'Blue Ocean'],
  ['deep-blue-press', '深藍出版', 'Deep Blue Press'],
  ['paperleaf', '紙葉書房', 'Paperleaf Books'],
  ['nike', 'Nike', 'Nike'],
  ['pingcap', 'PingCAP', 'PingCAP'],
  ['chunghwa-telecom', '中華電信', 'Chunghwa Telecom'],
  ['taiwan-mobile', '台灣大哥大', 'Taiwan Mobile'],
  ['fetnet', '遠傳電信', 'FarEasTone'],
];

const styles: T[] = [
  ['經典', 'Classic'],
  ['簡約', 'Minimal'],
  ['復古', 'Vintage'],
  ['機能', 'Tech'],
  ['有機棉', 'Organic Cotton'],
  ['條紋', 'Striped'],
  ['寬版', 'Oversized'],
  ['修身', 'Slim-fit'],
];
const fabrics = ['棉', '聚酯纖維', '麻', '羊毛', '天絲'];
const authors = ['林志明', '陳雅婷', '王大同', '張美玲', '李宗翰', '黃淑芬', 'Jane Doe', 'Alex Chen'];

export const TREE: CategorySpec[] = [
  {
    slug: 'apparel',
    name: ['服飾', 'Apparel'],
    attributes: [material, { code: 'origin', kind: 'basic', type: 'text', label: ['產地', 'Origin'] }, colour],
    children: [
      {
        slug: 'tops',
        name: ['上衣', 'Tops'],
        attributes: [
          size,
          {
            code: 'sleeve',
            kind: 'basic',
            type: 'enum',
            label: ['袖型', 'Sleeve'],
            values: [
              ['short', '短袖', 'Short sleeve'],
              ['long', '長袖', 'Long sleeve'],
            ],
          },
        ],
        children: [
          {
            // T恤 as Taiwanese shops shelve them: short and long sleeves apart, the sleeve in the name of the long ones.
            slug: 't-shirts',
            name: ['T恤', 'T-shirts'],
            attributes: [
              {
                code: 'neckline',
                kind: 'basic',
                type: 'enum',
                label: ['領型', 'Neckline'],
                values: [
                  ['crew', '圓領', 'Crew neck'],
                  ['v', 'V領', 'V-neck'],
                ],
              },
            ],
            leaves: [
              {
                slug: 'short-sleeve-tees',
                name: ['短袖T恤', 'Short-sleeve Tees'],
                first: styles,
                second: [
                  ['圓領', 'Crew-neck'],
                  ['V領', 'V-neck'],
                ],
                noun: ['T恤', 'Tee'],
                brands: ['good-days', 'mountain-mist', 'aoki', 'nike'],
                price: [290, 890],
                count: 16,
                basic: { material: ['棉', '有機棉', '聚酯纖維'], sleeve: ['short'], origin: ['台灣', '越南'] },
              },
              {
                slug: 'long-sleeve-tees',
                name: ['長袖T恤', 'Long-sleeve Tees'],
                first: styles,
                second: [
                  ['圓領', 'Crew-neck'],
                  ['V領', 'V-neck'],
                ],
                noun: ['長袖T恤', 'Long-sleeve Tee'],
                brands: ['good-days', 'mountain-mist', 'aoki', 'nike'],
                price: [390, 990],
                count: 8,
                basic: { material: ['棉', '有機棉'], sleeve: ['long'], origin: ['台灣', '越南'] },
              },
            ],
          },
        ],
        leaves: [
          {
            slug: 'shirts',
            name: ['襯衫', 'Shirts'],
            first: styles,
            second: [
              ['牛津', 'Oxford'],
              ['亞麻', 'Linen'],
            ],
            noun: ['襯衫', 'Shirt'],
            brands: ['aoki', 'good-days'],
            price: [690, 1590],
            count: 12,
            basic: { material: fabrics, sleeve: ['short', 'long'] },
          },
          {
            slug: 'hoodies',
            name: ['帽T', 'Hoodies'],
            first: styles,
            second: [
              ['連帽', 'Pullover'],
              ['拉鍊', 'Zip'],
            ],
            noun: ['帽T', 'Hoodie'],
            brands: ['mountain-mist', 'nike'],
            price: [890, 1990],
            count: 10,
            basic: { material: ['棉', '刷毛'], sleeve: ['long'] },
          },
        ],
      },
      {
        slug: 'bottoms',
        name: ['下身', 'Bottoms'],
        attributes: [size],
        leaves: [
          {
            slug: 'jeans',
            name: ['牛仔褲', 'Jeans'],
            first: styles,
            second: [
              ['直筒', 'Straight'],
              ['錐形', 'Tapered'],
            ],
            noun: ['牛仔褲', 'Jeans'],
            brands: ['aoki', 'blue-ocean'],
            price: [990, 2490],
            count: 12,
            basic: { material: ['丹寧棉'] },
          },
          {
            slug: 'shorts',
            name: ['短褲', 'Shorts'],
            first: styles,
            second: [
              ['運動', 'Sport'],
              ['工裝', 'Cargo'],
            ],
            noun: ['短褲', 'Shorts'],
            brands: ['nike', 'good-days'],
            price: [490, 1290],
            count: 12,
            basic: { material: ['棉', '尼龍'] },
          },
        ],
      },
      {
        slug: 'accessories',
        name: ['配件', 'Accessories'],
        leaves: [
          {
            slug: 'hats',
            name: ['帽子', 'Hats'],
            first: styles,
            second: [
              ['棒球', 'Baseball'],
              ['漁夫', 'Bucket'],
            ],
            noun: ['帽', 'Cap'],
            brands: ['good-days', 'nike'],
            price: [390, 990],
            count: 10,
            basic: { material: ['棉', '帆布'] },
          },
          {
            slug: 'bags',
            name: ['包包', 'Bags'],
            first: styles,
            second: [
              ['帆布', 'Canvas'],
              ['皮革', 'Leather'],
            ],
            noun: ['托特包', 'Tote'],
            brands: ['little-sun', 'woodsmith'],
            price: [590, 2990],
            count: 10,
            basic: { material: ['帆布', '牛皮'] },
          },
        ],
      },
    ],
  },
  {
    slug: '3c',
    name: ['3C', 'Electronics'],
    attributes: [
      { code: 'warranty_months', kind: 'basic', type: 'number', required: true, label: ['保固（月）', 'Warranty (months)'] },
      colour,
    ],
    children: [
      {
        slug: 'phone-accessories',
        name: ['手機配件', 'Phone Accessories'],
        leaves: [
          {
            slug: 'chargers',
            name: ['充電器', 'Chargers'],
            first: [
              ['20W', '20W'],
              ['35W', '35W'],
              ['65W', '65W'],
              ['100W', '100W'],
            ],
            second: [
              ['快充', 'Fast'],
              ['氮化鎵', 'GaN'],
              ['雙孔', 'Dual-port'],
            ],
            noun: ['充電器', 'Charger'],
            brands: ['lumen', 'geekery'],
            price: [390, 1890],
            count: 12,
            basic: { warranty_months: [12, 24] },
          },
          {
            slug: 'phone-cases',
            name: ['手機殼', 'Phone Cases'],
            first: [
              ['透明', 'Clear'],
              ['防摔', 'Rugged'],
              ['磁吸', 'Magnetic'],
              ['矽膠', 'Silicone'],
            ],
            second: [
              ['輕薄', 'Slim'],
              ['軍規', 'Armor'],
            ],
            noun: ['手機殼', 'Phone Case'],
            brands: ['lumen', 'geekery'],
            price: [290, 990],
            count: 8,
            basic: { warranty_months: [6, 12] },
          },
        ],
      },
      {
        slug: 'computer-peripherals',
        name: ['電腦周邊', 'Computer Peripherals'],
        leaves: [
          {
            slug: 'keyboards',
            name: ['鍵盤', 'Keyboards'],
            first: [
              ['機械', 'Mechanical'],
              ['無線', 'Wireless'],
              ['靜音', 'Silent'],
              ['人體工學', 'Ergonomic'],
            ],
            second: [
              ['87鍵', 'TKL'],
              ['全尺寸', 'Full-size'],
              ['60%', '60%'],
            ],
            noun: ['鍵盤', 'Keyboard'],
            brands: ['geekery', 'lumen'],
            price: [990, 4990],
            count: 12,
            basic: { warranty_months: [12, 24] },
          },
          {
            slug: 'mice',
            name: ['滑鼠', 'Mice'],
            first: [
              ['無線', 'Wireless'],
              ['電競', 'Gaming'],
              ['靜音', 'Silent'],
              ['垂直', 'Vertical'],
            ],
            second: [
              ['輕量', 'Lightweight'],
              ['藍牙', 'Bluetooth'],
            ],
            noun: ['滑鼠', 'Mouse'],
            brands: ['geekery', 'lumen'],
            price: [490, 2490],
            count: 8,
            basic: { warranty_months: [12, 24] },
          },
        ],
      },
      {
        slug: 'audio',
        name: ['影音', 'Audio'],
        leaves: [
          {
            slug: 'earbuds',
            name: ['藍牙耳機', 'Wireless Earbuds'],
            first: [
              ['降噪', 'Noise-cancelling'],
              ['運動', 'Sport'],
              ['開放式', 'Open-ear'],
              ['入耳式', 'In-ear'],
            ],
            second: [
              ['真無線', 'True Wireless'],
              ['長續航', 'Long-life'],
            ],
            noun: ['藍牙耳機', 'Earbuds'],
            brands: ['lumen', 'geekery'],
            price: [990, 6990],
            count: 8,
            basic: { warranty_months: [12] },
          },
        ],
      },
    ],
  },
  {
    slug: 'home',
    name: ['居家', 'Home'],
    attributes: [material, colour],
    children: [
      {
        slug: 'kitchen',
        name: ['廚房', 'Kitchen'],
        leaves: [
          {
            slug: 'mugs',
            name: ['杯子', 'Mugs'],
            first: [
              ['手作', 'Handmade'],
              ['北歐', 'Nordic'],
              ['日式', 'Japanese'],
              ['保溫', 'Insulated'],
              ['琺瑯', 'Enamel'],
            ],
            second: [
              ['陶瓷', 'Ceramic'],
              ['不鏽鋼', 'Steel'],
            ],
            noun: ['馬克杯', 'Mug'],
            brands: ['woodsmith', 'little-sun'],
            price: [290, 890],
            count: 10,
            basic: { material: ['陶瓷', '不鏽鋼', '玻璃'] },
          },
          {
            slug: 'cookware',
            name: ['鍋具', 'Cookware'],
            first: [
              ['鑄鐵', 'Cast-iron'],
              ['不沾', 'Non-stick'],
              ['雙耳', 'Two-handle'],
              ['輕量', 'Lightweight'],
            ],
            second: [
              ['平底', 'Frying'],
              ['湯', 'Soup'],
            ],
            noun: ['鍋', 'Pan'],
            brands: ['woodsmith', 'blue-ocean'],
            price: [890, 3990],
            count: 8,
            basic: { material: ['鑄鐵', '不鏽鋼', '鋁'] },
          },
        ],
      },
      {
        slug: 'bedding',
        name: ['寢具', 'Bedding'],
        leaves: [
          {
            slug: 'pillows',
            name: ['枕頭', 'Pillows'],
            first: [
              ['記憶', 'Memory'],
              ['乳膠', 'Latex'],
              ['羽絨', 'Down'],
              ['涼感', 'Cooling'],
            ],
            second: [
              ['舒眠', 'Comfort'],
              ['護頸', 'Neck-support'],
            ],
            noun: ['枕', 'Pillow'],
            brands: ['little-sun', 'blue-ocean'],
            price: [590, 2490],
            count: 8,
            basic: { material: ['記憶棉', '天然乳膠', '羽絨'] },
          },
        ],
      },
    ],
  },
  {
    slug: 'books',
    name: ['書籍', 'Books'],
    attributes: [
      { code: 'author', kind: 'basic', type: 'text', required: true, label: ['作者', 'Author'] },
      {
        code: 'format',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: ['版本', 'Format'],
        values: [
          ['paperback', '平裝', 'Paperback'],
          ['ebook', '電子書', 'E-book'],
        ],
      },
    ],
    children: [
      {
        slug: 'computing',
        name: ['電腦資訊', 'Computing'],
        leaves: [
          {
            slug: 'databases',
            name: ['資料庫', 'Databases'],
            first: [
              ['PostgreSQL', 'PostgreSQL'],
              ['MySQL', 'MySQL'],
              ['分散式資料庫', 'Distributed Databases'],
              ['SQL', 'SQL'],
              ['Redis', 'Redis'],
            ],
            second: [
              ['入門', 'for Beginners'],
              ['實戰', 'in Practice'],
              ['效能調校', 'Performance Tuning'],
            ],
            noun: ['', ''],
            brands: ['deep-blue-press', 'paperleaf'],
            price: [450, 880],
            count: 12,
            basic: { author: authors },
          },
          {
            slug: 'programming',
            name: ['程式設計', 'Programming'],
            first: [
              ['TypeScript', 'TypeScript'],
              ['Rust', 'Rust'],
              ['Go', 'Go'],
              ['Python', 'Python'],
              ['演算法', 'Algorithms'],
            ],
            second: [
              ['入門', 'for Beginners'],
              ['實戰', 'in Practice'],
              ['精要', 'Essentials'],
            ],
            noun: ['', ''],
            brands: ['deep-blue-press', 'paperleaf'],
            price: [420, 780],
            count: 12,
            basic: { author: authors },
          },
        ],
      },
      {
        slug: 'literature',
        name: ['文學', 'Literature'],
        leaves: [
          {
            slug: 'novels',
            name: ['小說', 'Novels'],
            first: [
              ['夏日', 'Summer'],
              ['海邊', 'Seaside'],
              ['山城', 'Mountain Town'],
              ['午夜', 'Midnight'],
              ['雨季', 'Rainy Season'],
            ],
            second: [
              ['的約定', 'Promise'],
              ['的書店', 'Bookshop'],
              ['來信', 'Letters'],
            ],
            noun: ['', ''],
            brands: ['paperleaf', 'deep-blue-press'],
            price: [280, 450],
            count: 15,
            basic: { author: authors },
          },
        ],
      },
    ],
  },
  {
    slug: 'digital',
    name: ['數位商品', 'Digital'],
    virtual: true,
    attributes: [
      { code: 'carrier', kind: 'basic', type: 'text', required: true, label: ['電信業者', 'Carrier'] },
      { code: 'network', kind: 'basic', type: 'text', label: ['適用網路', 'Network'] },
      {
        code: 'capacity',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: ['流量容量', 'Data'],
        values: [
          ['1GB', '1GB'],
          ['5GB', '5GB'],
          ['10GB', '10GB'],
          ['unlimited', '吃到飽', 'Unlimited'],
        ],
      },
      {
        code: 'validity',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: ['有效期', 'Validity'],
        values: [
          ['7d', '7天', '7 days'],
          ['30d', '30天', '30 days'],
          ['90d', '90天', '90 days'],
        ],
      },
      {
        code: 'scope',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: ['流量類型', 'Coverage'],
        values: [
          ['national', '全國通用', 'Nationwide'],
          ['roaming', '國際漫遊', 'Roaming'],
        ],
      },
    ],
    children: [{ slug: 'telecom', name: ['電信', 'Telecom'], children: [{ slug: 'data-packs', name: ['流量包', 'Data Packs'] }] }],
  },
];
