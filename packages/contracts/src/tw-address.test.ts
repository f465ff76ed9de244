import { describe, expect, it } from 'vitest';
import { AddressInput } from './identity.js';
import { findTaiwanDistrict, normaliseTaiwanPhone, taiwanCities } from './tw-address.js';

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
