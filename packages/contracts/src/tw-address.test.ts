import { describe, expect, it } from 'vitest';
import { AddressInput } from './identity.js';
import {
  cities,
  districts,
  findTaiwanDistrict,
  isOutlyingIsland,
  isUnservedDistrict,
  isValidTaiwanAddress,
  normaliseTaiwanPhone,
  OUTLYING_DISTRICTS,
  taiwanCities,
  UNSERVED_DISTRICTS,
  zipOf,
} from './tw-address.js';

const address = {
  recipientName: '林小華',
  phone: '0912345678',
  postalCode: '106',
  city: '臺北市',
  district: '大安區',
  line1: '復興南路一段1號',
};
const problems = (over: Record<string, unknown>) => {
  const r = AddressInput.safeParse({ ...address, ...over });
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('Taiwan places', () => {
  it('knows the 22 cities and counties under their names since the 2010 and 2014 mergers', () => {
    expect(taiwanCities).toHaveLength(22);
    expect(taiwanCities.map((c) => c.name)).toEqual(expect.arrayContaining(['新北市', '臺中市', '臺南市', '高雄市', '桃園市']));
    expect(taiwanCities.map((c) => c.name)).not.toContain('臺北縣');
    expect(findTaiwanDistrict('新北市', '板橋區')?.zip).toBe('220');
    expect(findTaiwanDistrict('桃園市', '中壢區')?.zip).toBe('320');
    expect(findTaiwanDistrict('台北市', '大安區')).toMatchObject({ zip: '106', nameEn: "Da'an District" });
  });

  it.each([
    ['999 as the postal code', { postalCode: '999' }, ['postalCode']],
    ['火星市', { city: '火星市' }, ['city']],
    ['臺北市板橋區', { district: '板橋區', postalCode: '220' }, ['district']],
    ['220 with 大安區', { postalCode: '220' }, ['postalCode']],
  ])('refuses %s', (_, over, fields) => {
    expect(problems(over)).toEqual(fields);
  });

  it('accepts 台 for 臺 and a 5 or 6 digit code that starts with the district’s', () => {
    expect(problems({ city: '台北市', postalCode: '10617' })).toEqual([]);
    expect(AddressInput.parse({ ...address, city: '台北市', postalCode: '106001' })).toMatchObject({
      city: '臺北市',
      postalCode: '106001',
    });
  });

  it.each([
    ['0912-345-678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['+886 912 345 678', '0912345678'],
    ['+886-(0)2-2345-6789', '0223456789'],
    ['886912345678', '0912345678'],
    ['(02) 2345-6789', '0223456789'],
    ['０９１２３４５６７８', '0912345678'],
  ])('reads the phone number %s as %s', (typed, digits) => {
    expect(normaliseTaiwanPhone(typed)).toBe(digits);
    expect(AddressInput.parse({ ...address, phone: typed }).phone).toBe(digits);
  });

  it('still refuses phone numbers from elsewhere', () => {
    expect(problems({ phone: '+1 555 0100' })).toEqual(['phone']);
  });
});

describe('look-ups', () => {
  it('lists the 22 cities with English names, the islands included', () => {
    const list = cities();
    expect(list).toHaveLength(22);
    expect(list[0]).toEqual({ name: '臺北市', nameEn: 'Taipei City' });
    for (const island of ['澎湖縣', '金門縣', '連江縣']) expect(list.map((c) => c.name)).toContain(island);
    expect(list.every((c) => c.nameEn && /^[A-Za-z' -]+$/.test(c.nameEn))).toBe(true);
  });

  it('lists a city’s districts with zips, and nothing for an unknown city', () => {
    expect(districts('連江縣').map((d) => `${d.name}${d.zip}`)).toEqual(['南竿鄉209', '北竿鄉210', '莒光鄉211', '東引鄉212']);
    expect(districts('台北市')).toHaveLength(12);
    expect(districts('台北市')[0]).toEqual({ name: '中正區', nameEn: 'Zhongzheng District', zip: '100' });
    expect(districts('火星市')).toEqual([]);
    // Every district of every city has a 3-digit zip and an English name.
    for (const c of cities()) {
      for (const d of districts(c.name)) {
        expect(d.zip).toMatch(/^\d{3}$/);
        expect(d.nameEn).not.toBe('');
      }
    }
  });

  it('finds a district’s zip', () => {
    expect(zipOf('金門縣', '金城鎮')).toBe('893');
    expect(zipOf('澎湖縣', '馬公市')).toBe('880');
    expect(zipOf('台中市', '大安區')).toBe('439');
    expect(zipOf('臺北市', '大安區')).toBe('106');
    expect(zipOf('臺北市', '板橋區')).toBeUndefined();
  });

  it.each([
    [{ city: '臺北市', district: '大安區', zip: '106' }, true],
    [{ city: '台北市', district: '大安區', zip: '10617' }, true],
    [{ city: '臺北市', district: '大安區', zip: '106001' }, true],
    [{ city: '臺北市', district: '大安區', zip: '220' }, false],
    [{ city: '臺北市', district: '大安區', zip: '1061' }, false],
    [{ city: '臺北市', district: '板橋區', zip: '220' }, false],
    [{ city: '火星市', district: '大安區', zip: '106' }, false],
  ])('judges %o valid: %s', (address, valid) => {
    expect(isValidTaiwanAddress(address)).toBe(valid);
  });
});

describe('outlying islands', () => {
  it('puts every district of 澎湖, 金門 and 連江 and the three small islands offshore', () => {
    for (const city of ['澎湖縣', '金門縣', '連江縣']) for (const d of districts(city)) expect(isOutlyingIsland(city, d.name)).toBe(true);
    expect(isOutlyingIsland('屏東縣', '琉球鄉')).toBe(true);
    expect(isOutlyingIsland('台東縣', '綠島鄉')).toBe(true);
    expect(isOutlyingIsland('臺東縣', '蘭嶼鄉')).toBe(true);
  });

  it('keeps the main island and the unserved reefs apart', () => {
    expect(isOutlyingIsland('屏東縣', '東港鎮')).toBe(false);
    expect(isOutlyingIsland('臺北市', '大安區')).toBe(false);
    expect(isOutlyingIsland('高雄市', '東沙群島')).toBe(false);
    expect(isUnservedDistrict('高雄市', '南沙群島')).toBe(true);
    expect(isUnservedDistrict('宜蘭縣', '釣魚臺列嶼')).toBe(true);
    expect(isUnservedDistrict('宜蘭縣', '頭城鎮')).toBe(false);
  });

  it('names only real places in its lists', () => {
    for (const p of [...OUTLYING_DISTRICTS, ...UNSERVED_DISTRICTS])
      expect(zipOf(p.city, p.district), `${p.city}${p.district}`).toBeDefined();
  });
});
