// Word lists of the benchmark catalog: a 3-level category tree (6 × 5 × 10 = 300 leaves), product
// nouns and modifiers per second-level category (zh-TW | en), attribute values, brand syllables.
// A product name is [prefix] + two modifiers of its category (in list order) + the leaf's noun:
// 圓領短袖T恤 / Crew-neck Short-sleeve T-shirt.

export type Pair = readonly [zh: string, en: string];
const p = (s: string): Pair => {
  const [zh, en] = s.split('|');
  return [zh!, en!] as const;
};
const list = (s: string): Pair[] => s.split(',').map((x) => p(x.trim()));

export interface Mid {
  name: Pair;
  nouns: Pair[];
  mods: Pair[];
}
export interface Top {
  name: Pair;
  slug: string;
  /** Leaves are segment × noun: 男裝T恤 / Men's T-shirt. */
  segments: [Pair, Pair];
  /** Price range of a product's base price (TWD). */
  price: [number, number];
  mids: Mid[];
}

export const TOPS: Top[] = [
  {
    name: p('服飾|Apparel'),
    slug: 'apparel',
    segments: [p("男裝|Men's"), p("女裝|Women's")],
    price: [290, 2990],
    mids: [
      {
        name: p('上衣|Tops'),
        nouns: list('T恤|T-shirt,襯衫|Shirt,Polo衫|Polo Shirt,背心|Tank Top,帽T|Hoodie'),
        mods: list('圓領|Crew-neck,V領|V-neck,短袖|Short-sleeve,長袖|Long-sleeve,條紋|Striped,素色|Plain,寬版|Oversized,純棉|Cotton'),
      },
      {
        name: p('褲裝|Bottoms'),
        nouns: list('短褲|Shorts,長褲|Trousers,牛仔褲|Jeans,運動褲|Joggers,工作褲|Cargo Pants'),
        mods: list('直筒|Straight,修身|Slim-fit,寬版|Wide,鬆緊|Elastic-waist,九分|Cropped,彈性|Stretch,抽繩|Drawstring,休閒|Casual'),
      },
      {
        name: p('外套|Outerwear'),
        nouns: list('夾克|Jacket,風衣|Trench Coat,羽絨外套|Down Jacket,大衣|Overcoat,西裝外套|Blazer'),
        mods: list(
          '防風|Windproof,防潑水|Water-repellent,輕量|Lightweight,保暖|Thermal,連帽|Hooded,雙面|Reversible,立領|Stand-collar,刷毛|Fleece',
        ),
      },
      {
        name: p('針織|Knitwear'),
        nouns: list('毛衣|Sweater,開襟衫|Cardigan,針織背心|Knit Vest,高領衫|Turtleneck,針織洋裝|Knit Dress'),
        mods: list('羊毛|Wool,喀什米爾|Cashmere,麻花|Cable-knit,圓領|Crew-neck,V領|V-neck,寬鬆|Relaxed,短版|Cropped,粗針|Chunky'),
      },
      {
        name: p('運動服|Activewear'),
        nouns: list('運動內衣|Sports Bra,緊身褲|Leggings,運動短褲|Running Shorts,運動T恤|Training Tee,運動外套|Track Jacket'),
        mods: list(
          '吸濕排汗|Moisture-wicking,速乾|Quick-dry,透氣|Breathable,高彈力|High-stretch,反光|Reflective,無縫|Seamless,壓縮|Compression,輕量|Lightweight',
        ),
      },
    ],
  },
  {
    name: p('鞋包配件|Shoes & Bags'),
    slug: 'shoes-bags',
    segments: [p("男款|Men's"), p("女款|Women's")],
    price: [390, 4990],
    mids: [
      {
        name: p('鞋履|Shoes'),
        nouns: list('帆布鞋|Canvas Sneakers,慢跑鞋|Running Shoes,皮鞋|Leather Shoes,涼鞋|Sandals,靴子|Boots'),
        mods: list(
          '高筒|High-top,低筒|Low-top,輕量|Lightweight,防水|Waterproof,厚底|Platform,真皮|Genuine-leather,氣墊|Cushioned,休閒|Casual',
        ),
      },
      {
        name: p('包款|Bags'),
        nouns: list('後背包|Backpack,托特包|Tote Bag,斜背包|Crossbody Bag,腰包|Waist Bag,行李箱|Suitcase'),
        mods: list(
          '大容量|Large-capacity,防潑水|Water-repellent,帆布|Canvas,皮革|Leather,多夾層|Multi-pocket,輕量|Lightweight,旅行|Travel,通勤|Commuter',
        ),
      },
      {
        name: p('配件|Accessories'),
        nouns: list('帽子|Cap,圍巾|Scarf,手套|Gloves,皮帶|Belt,錢包|Wallet'),
        mods: list('針織|Knit,羊毛|Wool,真皮|Genuine-leather,刺繡|Embroidered,素色|Plain,格紋|Plaid,保暖|Thermal,經典|Classic'),
      },
      {
        name: p('襪子內著|Socks & Innerwear'),
        nouns: list('短襪|Ankle Socks,長襪|Crew Socks,內褲|Briefs,內衣|Undershirt,家居服|Loungewear'),
        mods: list(
          '純棉|Cotton,除臭|Anti-odour,無痕|Seamless,機能|Performance,透氣|Breathable,抗菌|Antibacterial,彈性|Stretch,超細纖維|Microfibre',
        ),
      },
      {
        name: p('飾品手錶|Jewellery & Watches'),
        nouns: list('手錶|Watch,項鍊|Necklace,耳環|Earrings,戒指|Ring,手環|Bracelet'),
        mods: list(
          '不鏽鋼|Stainless-steel,純銀|Sterling-silver,石英|Quartz,極簡|Minimalist,復古|Vintage,鍍金|Gold-plated,防水|Waterproof,情侶|Couple',
        ),
      },
    ],
  },
  {
    name: p('3C電子|Electronics'),
    slug: 'electronics',
    segments: [p('旗艦|Flagship'), p('入門|Entry-level')],
    price: [290, 29990],
    mids: [
      {
        name: p('影音|Audio'),
        nouns: list('藍牙耳機|Bluetooth Earphones,頭戴式耳機|Headphones,藍牙喇叭|Bluetooth Speaker,麥克風|Microphone,聲霸|Soundbar'),
        mods: list(
          '無線|Wireless,降噪|Noise-cancelling,真無線|True-wireless,防水|Waterproof,重低音|Bass-boost,入耳式|In-ear,電競|Gaming,攜帶型|Portable',
        ),
      },
      {
        name: p('電腦周邊|Computer Accessories'),
        nouns: list('滑鼠|Mouse,鍵盤|Keyboard,螢幕|Monitor,網路攝影機|Webcam,集線器|USB Hub'),
        mods: list(
          '無線|Wireless,機械式|Mechanical,人體工學|Ergonomic,靜音|Silent,電競|Gaming,超薄|Ultra-slim,曲面|Curved,高解析|High-resolution',
        ),
      },
      {
        name: p('手機配件|Phone Accessories'),
        nouns: list('行動電源|Power Bank,充電線|Charging Cable,充電器|Charger,手機殼|Phone Case,螢幕保護貼|Screen Protector'),
        mods: list('快充|Fast-charge,磁吸|Magnetic,輕薄|Slim,防摔|Shockproof,大容量|High-capacity,編織|Braided,透明|Clear,氮化鎵|GaN'),
      },
      {
        name: p('智慧穿戴|Wearables'),
        nouns: list('智慧手錶|Smartwatch,運動手環|Fitness Band,智慧戒指|Smart Ring,兒童手錶|Kids Watch,錶帶|Watch Strap'),
        mods: list(
          '心率|Heart-rate,血氧|Blood-oxygen,長續航|Long-battery,定位|GPS,防水|Waterproof,運動|Sport,觸控|Touchscreen,矽膠|Silicone',
        ),
      },
      {
        name: p('生活家電|Home Appliances'),
        nouns: list('吹風機|Hair Dryer,電風扇|Electric Fan,空氣清淨機|Air Purifier,除濕機|Dehumidifier,吸塵器|Vacuum Cleaner'),
        mods: list('負離子|Ionic,靜音|Quiet,變頻|Inverter,無線|Cordless,智慧|Smart,節能|Energy-saving,直立式|Tower,手持|Handheld'),
      },
    ],
  },
  {
    name: p('居家生活|Home & Living'),
    slug: 'home',
    segments: [p('北歐風|Nordic'), p('日式|Japanese-style')],
    price: [99, 3990],
    mids: [
      {
        name: p('寢具|Bedding'),
        nouns: list('枕頭|Pillow,棉被|Duvet,床包|Fitted Sheet,毛毯|Blanket,床墊|Mattress'),
        mods: list('記憶|Memory-foam,天絲|Tencel,涼感|Cooling,抗菌|Antibacterial,純棉|Cotton,雙人|Double,單人|Single,加大|King-size'),
      },
      {
        name: p('收納|Storage'),
        nouns: list('收納箱|Storage Box,衣架|Hangers,置物架|Shelf,抽屜櫃|Drawer Unit,收納籃|Basket'),
        mods: list('可折疊|Foldable,透明|Clear,多層|Multi-tier,防塵|Dustproof,竹製|Bamboo,堆疊|Stackable,大型|Large,輕巧|Compact'),
      },
      {
        name: p('衛浴|Bath'),
        nouns: list('浴巾|Bath Towel,毛巾|Towel,浴室踏墊|Bath Mat,牙刷|Toothbrush,沐浴乳|Body Wash'),
        mods: list(
          '超吸水|Absorbent,速乾|Quick-dry,珊瑚絨|Coral-fleece,有機|Organic,柔軟|Soft,竹纖維|Bamboo-fibre,電動|Electric,防滑|Non-slip',
        ),
      },
      {
        name: p('家飾|Decor'),
        nouns: list('檯燈|Desk Lamp,香氛蠟燭|Scented Candle,地毯|Rug,窗簾|Curtains,抱枕|Cushion'),
        mods: list('遮光|Blackout,手工|Handmade,簡約|Minimal,復古|Vintage,亞麻|Linen,可調光|Dimmable,羊毛|Wool,絨面|Velvet'),
      },
      {
        name: p('清潔用品|Cleaning'),
        nouns: list('洗衣精|Laundry Detergent,拖把|Mop,抹布|Cleaning Cloth,垃圾桶|Trash Can,除塵撢|Duster'),
        mods: list(
          '濃縮|Concentrated,天然|Natural,免手洗|Hands-free,補充|Refillable,感應|Sensor,抗菌|Antibacterial,環保|Eco,大容量|Large-capacity',
        ),
      },
    ],
  },
  {
    name: p('廚房餐具|Kitchen'),
    slug: 'kitchen',
    segments: [p('家用|Home'), p('戶外|Outdoor')],
    price: [99, 5990],
    mids: [
      {
        name: p('杯瓶|Drinkware'),
        nouns: list('保溫杯|Insulated Bottle,保溫瓶|Vacuum Flask,馬克杯|Mug,水壺|Water Bottle,玻璃杯|Glass'),
        mods: list(
          '不鏽鋼|Stainless-steel,真空|Vacuum,大容量|Large,隨行|Travel,防漏|Leak-proof,陶瓷|Ceramic,耐熱|Heat-resistant,吸管|Straw',
        ),
      },
      {
        name: p('鍋具|Cookware'),
        nouns: list('平底鍋|Frying Pan,湯鍋|Stockpot,炒鍋|Wok,壓力鍋|Pressure Cooker,鑄鐵鍋|Cast-iron Pot'),
        mods: list(
          '不沾|Non-stick,不鏽鋼|Stainless-steel,電磁爐適用|Induction,輕量|Lightweight,琺瑯|Enamel,雙耳|Two-handle,深型|Deep,多功能|Multi-purpose',
        ),
      },
      {
        name: p('餐具|Tableware'),
        nouns: list('餐盤|Plate,碗|Bowl,筷子|Chopsticks,湯匙|Spoon,便當盒|Lunch Box'),
        mods: list('陶瓷|Ceramic,木製|Wooden,不鏽鋼|Stainless-steel,耐熱|Heat-resistant,套組|Set,微波|Microwave-safe,可愛|Cute,環保|Eco'),
      },
      {
        name: p('廚房家電|Kitchen Appliances'),
        nouns: list('電鍋|Rice Cooker,氣炸鍋|Air Fryer,果汁機|Blender,咖啡機|Coffee Maker,快煮壺|Electric Kettle'),
        mods: list(
          '智慧|Smart,大容量|Large-capacity,多功能|Multi-purpose,迷你|Mini,不鏽鋼|Stainless-steel,觸控|Touch,溫控|Temperature-control,自動|Automatic',
        ),
      },
      {
        name: p('食品|Food'),
        nouns: list('咖啡豆|Coffee Beans,茶葉|Tea Leaves,餅乾|Cookies,堅果|Nuts,泡麵|Instant Noodles'),
        mods: list(
          '有機|Organic,手工|Handmade,低糖|Low-sugar,烘焙|Roasted,無添加|Additive-free,高山|High-mountain,經典|Classic,綜合|Assorted',
        ),
      },
    ],
  },
  {
    name: p('書籍文具|Books & Stationery'),
    slug: 'books',
    segments: [p('中文|Chinese'), p('外文|Imported')],
    price: [99, 1290],
    mids: [
      {
        name: p('文學|Literature'),
        nouns: list('小說|Novel,散文|Essays,詩集|Poetry,推理小說|Mystery Novel,奇幻小說|Fantasy Novel'),
        mods: list(
          '經典|Classic,得獎|Award-winning,精裝|Hardcover,長篇|Full-length,短篇|Short-story,暢銷|Bestselling,典藏|Collectors,新版|New-edition',
        ),
      },
      {
        name: p('商業理財|Business'),
        nouns: list('管理書|Management Book,投資書|Investing Guide,行銷書|Marketing Book,傳記|Biography,自我成長書|Self-help Book'),
        mods: list(
          '暢銷|Bestselling,實戰|Practical,入門|Beginners,圖解|Illustrated,全新|Brand-new,精選|Selected,完整|Complete,簡明|Concise',
        ),
      },
      {
        name: p('童書|Children'),
        nouns: list('繪本|Picture Book,故事書|Storybook,貼紙書|Sticker Book,有聲書|Audiobook,學習卡|Flash Cards'),
        mods: list('雙語|Bilingual,互動|Interactive,硬頁|Board-book,注音|Zhuyin,認知|Early-learning,可愛|Cute,睡前|Bedtime,科普|Science'),
      },
      {
        name: p('文具|Stationery'),
        nouns: list('筆記本|Notebook,原子筆|Ballpoint Pen,鋼筆|Fountain Pen,便利貼|Sticky Notes,手帳|Planner'),
        mods: list('方格|Grid,點陣|Dotted,空白|Blank,按壓式|Retractable,限量|Limited-edition,皮革|Leather,環保|Eco,迷你|Mini'),
      },
      {
        name: p('語言學習|Languages'),
        nouns: list('字典|Dictionary,單字書|Vocabulary Book,文法書|Grammar Book,會話書|Phrasebook,檢定題庫|Exam Prep Book'),
        mods: list('英文|English,日文|Japanese,韓文|Korean,圖解|Illustrated,全彩|Full-colour,口袋|Pocket,進階|Advanced,新制|Updated'),
      },
    ],
  },
];

/** Put before the name of 30% of products. */
export const PREFIXES: Pair[] = list(
  '新款|New,限定|Limited,基本款|Essential,熱銷|Best-selling,設計師|Designer,聯名|Collab,升級版|Upgraded,經典|Classic',
);

export const COLOURS: Array<[value: string, zh: string, en: string]> = [
  ['black', '黑', 'Black'],
  ['white', '白', 'White'],
  ['grey', '灰', 'Grey'],
  ['navy', '深藍', 'Navy'],
  ['blue', '藍', 'Blue'],
  ['red', '紅', 'Red'],
  ['green', '綠', 'Green'],
  ['beige', '米', 'Beige'],
  ['pink', '粉紅', 'Pink'],
  ['yellow', '黃', 'Yellow'],
];
export const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
export const FORMATS: Array<[value: string, zh: string, en: string]> = [
  ['paperback', '平裝', 'Paperback'],
  ['hardcover', '精裝', 'Hardcover'],
  ['ebook', '電子書', 'E-book'],
];
export const MATERIALS: Array<[value: string, zh: string, en: string]> = [
  ['cotton', '棉', 'Cotton'],
  ['polyester', '聚酯纖維', 'Polyester'],
  ['wool', '羊毛', 'Wool'],
  ['linen', '亞麻', 'Linen'],
];

// Brand names: two or three syllables; zh-TW transliterations from their own list.
export const BRAND_EN = [
  'Ka',
  'Nor',
  'Vi',
  'Lu',
  'Mo',
  'Sa',
  'Te',
  'Ro',
  'Ze',
  'Fi',
  'Da',
  'Mi',
  'Po',
  'Ha',
  'Be',
  'Lo',
  'Ri',
  'Ta',
  'Ven',
  'Sol',
];
export const BRAND_EN_END = ['ra', 'lo', 'ven', 'dex', 'mo', 'tis', 'nia', 'ko', 'sen', 'ria', 'vo', 'lux', 'ton', 'ma', 'zo'];
export const BRAND_ZH = [
  '卡',
  '諾',
  '維',
  '露',
  '摩',
  '莎',
  '特',
  '羅',
  '澤',
  '菲',
  '達',
  '米',
  '波',
  '哈',
  '貝',
  '洛',
  '莉',
  '塔',
  '文',
  '索',
];
export const BRAND_ZH_END = ['拉', '洛', '文', '德', '摩', '緹', '妮', '可', '森', '莉', '沃', '樂', '頓', '瑪', '佐'];
