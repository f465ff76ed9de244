// Product image files: type detection by content, content-hash keys, the local store under
// MEDIA_DIR, responsive WebP renditions, and S3 presigned uploads (SigV4, hand-rolled: one
// function, checked against AWS's published example).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { MediaConfig, S3Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';

export type ImageType = 'jpeg' | 'png' | 'webp' | 'avif';

export const CONTENT_TYPES: Record<ImageType, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };
const EXTENSIONS: Record<ImageType, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };
const BY_EXTENSION: Record<string, ImageType> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'avif' };

/** Widths of the WebP renditions made for cards (320, 640) and the gallery (1280); only those narrower than the original. */
export const RENDITION_WIDTHS = [320, 640, 1280] as const;
/** Decompression bombs: refuse images above this many pixels before decoding them. */
const MAX_PIXELS = 40_000_000;

/** The image type the bytes say they are (magic numbers), whatever the name or header claim. */
export function detectImageType(buf: Uint8Array): ImageType | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 16 && b.toString('latin1', 4, 8) === 'ftyp') {
    // ISO-BMFF: the major brand, then compatible brands up to the box size.
    const size = Math.min(b.readUInt32BE(0), b.length, 64);
    const brands = [b.toString('latin1', 8, 12)];
    for (let i = 16; i + 4 <= size; i += 4) brands.push(b.toString('latin1', i, i + 4));
    if (brands.some((x) => x === 'avif' || x === 'avis')) return 'avif';
  }
  return undefined;
}

/** What the upload claims (file name extension, part Content-Type), when it claims an image type we know. */
export function claimedTypes(filename: string | undefined, mimetype: string | undefined): ImageType[] {
  const out: ImageType[] = [];
  const ext = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext && BY_EXTENSION[ext]) out.push(BY_EXTENSION[ext]);
  const mt = mimetype?.toLowerCase().split(';')[0]?.trim();
  const fromMime = (Object.entries(CONTENT_TYPES) as Array<[ImageType, string]>).find(
    ([, v]) => v === mt || (v === 'image/jpeg' && mt === 'image/jpg'),
  )?.[0];
  if (fromMime) out.push(fromMime);
  return out;
}

export interface InspectedImage {
  type: ImageType;
  width: number;
  height: number;
  bytes: number;
  hash: string;
}

const unsupported = (detail: string) => new AppError('IMAGE_TYPE_UNSUPPORTED', 415, detail, { accepted: Object.values(CONTENT_TYPES) });

/**
 * Checks an upload: its bytes must be JPEG, PNG, WebP or AVIF (415 IMAGE_TYPE_UNSUPPORTED otherwise,
 * also when the name or Content-Type claims another image type than the bytes are), and decode
 * (400 IMAGE_UNDECODABLE). Records the displayed dimensions (EXIF orientation applied).
 */
export async function inspectImage(
  buf: Buffer,
  claim: { filename?: string | undefined; mimetype?: string | undefined },
): Promise<InspectedImage> {
  const type = detectImageType(buf);
  if (!type) throw unsupported('The file is not a JPEG, PNG, WebP or AVIF image.');
  const claimed = claimedTypes(claim.filename, claim.mimetype);
  const mismatch = claimed.find((c) => c !== type);
  if (mismatch) throw unsupported(`The file claims to be ${mismatch.toUpperCase()} but its content is ${type.toUpperCase()}.`);
  let width: number | undefined;
  let height: number | undefined;
  try {
    const img = sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const meta = await img.metadata();
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.height;
    // Decoding the pixels, not just the header, catches truncated and corrupt files.
    await img.clone().resize({ width: 8, height: 8, fit: 'inside' }).raw().toBuffer();
  } catch {
    throw new AppError('IMAGE_UNDECODABLE', 400, 'The image could not be decoded (corrupt, truncated, or larger than 40 megapixels).');
  }
  if (!width || !height) throw new AppError('IMAGE_UNDECODABLE', 400, 'The image has no dimensions.');
  return { type, width, height, bytes: buf.length, hash: createHash('sha256').update(buf).digest('hex') };
}

// ---------- local store ----------

/**
 * `ab/<first 40 hex of sha256>.png` (160 bits, as git): the same bytes always get the same key, so
 * uploading twice stores once. Not the full 64: that shape is what the leak guards look for in tokens.
 */
export const originalKey = (hash: string, type: ImageType) => `${hash.slice(0, 2)}/${hash.slice(0, 40)}.${EXTENSIONS[type]}`;
export const renditionKey = (key: string, width: number) => key.replace(/\.[a-z0-9]+$/, `-w${width}.webp`);

/** Keys `/media/` serves: nothing else, so no path can leave MEDIA_DIR. */
const LOCAL_KEY = /^[0-9a-f]{2}\/[0-9a-f]{40}(?:-w\d{2,5})?\.(jpg|png|webp|avif)$/;

/** The file and content type of a served key, or undefined for anything that is not one of our keys. */
export function localFile(media: Pick<MediaConfig, 'dir'>, key: string): { file: string; contentType: string } | undefined {
  const m = LOCAL_KEY.exec(key);
  if (!m) return undefined;
  const type = BY_EXTENSION[m[1]!]!;
  return { file: path.join(media.dir, ...key.split('/')), contentType: CONTENT_TYPES[type] };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/**
 * Writes the original and its WebP renditions (skipping files already there: same hash, same
 * content). Files are written before the database row; a failed transaction leaves unreferenced
 * files behind, harmless and content-addressed (a sweep is future work).
 */
export async function storeLocally(
  media: Pick<MediaConfig, 'dir'>,
  buf: Buffer,
  img: InspectedImage,
): Promise<{ key: string; widths: number[] }> {
  const key = originalKey(img.hash, img.type);
  const file = path.join(media.dir, ...key.split('/'));
  if (!(await exists(file))) await writeAtomically(file, buf);
  const widths = RENDITION_WIDTHS.filter((w) => w < img.width);
  for (const w of widths) {
    const out = path.join(media.dir, ...renditionKey(key, w).split('/'));
    if (await exists(out)) continue;
    await writeAtomically(
      out,
      await sharp(buf, { limitInputPixels: MAX_PIXELS }).autoOrient().resize({ width: w }).webp({ quality: 80 }).toBuffer(),
    );
  }
  return { key, widths };
}

/** Removes a local original and its renditions (callers check no other row references the key). */
export async function removeLocally(media: Pick<MediaConfig, 'dir'>, key: string, widths: readonly number[]): Promise<void> {
  for (const k of [key, ...widths.map((w) => renditionKey(key, w))]) {
    const f = localFile(media, k);
    if (f) await unlink(f.file).catch(() => undefined);
  }
}

export async function readLocal(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

// ---------- URLs ----------

export interface ImageRef {
  storageKey: string;
  publicBase: string | null;
  widths: readonly number[];
}

/** Where shoppers load an image: `/media/<key>` for the local store, the S3 public base otherwise. */
export const imageUrl = (i: Pick<ImageRef, 'storageKey' | 'publicBase'>) => `${i.publicBase ?? '/media'}/${i.storageKey}`;

/** The responsive renditions, narrowest first, and the original (as `width`) last. */
export function imageSizes(i: ImageRef & { width: number }): Array<{ width: number; url: string }> {
  return [
    ...i.widths.map((w) => ({ width: w, url: imageUrl({ ...i, storageKey: renditionKey(i.storageKey, w) }) })),
    { width: i.width, url: imageUrl(i) },
  ];
}

export const srcsetOf = (sizes: ReadonlyArray<{ width: number; url: string }>) => sizes.map((s) => `${s.url} ${s.width}w`).join(', ');

// ---------- S3: presigned PUT (SigV4 query auth) ----------

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
/** RFC 3986 encoding as SigV4 wants it (also `!'()*`). */
const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * A SigV4 presigned URL (query-string authentication, UNSIGNED-PAYLOAD, only `host` signed) for
 * `method` on `url` (no query string; the path is encoded segment by segment).
 */
export function presignUrl(p: {
  method: string;
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
  expiresSec: number;
  service?: string;
}): string {
  const u = new URL(p.url);
  const service = p.service ?? 's3';
  const datetime = amzDate(p.now);
  const date = datetime.slice(0, 8);
  const scope = `${date}/${p.region}/${service}/aws4_request`;
  const canonicalPath = u.pathname
    .split('/')
    .map((seg) => uriEncode(decodeURIComponent(seg)))
    .join('/');
  const query: Array<[string, string]> = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${p.accessKeyId}/${scope}`],
    ['X-Amz-Date', datetime],
    ['X-Amz-Expires', String(p.expiresSec)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const canonicalQuery = query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [p.method, canonicalPath, canonicalQuery, `host:${u.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', datetime, scope, sha256hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${p.secretAccessKey}`, date), p.region), service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(toSign, 'utf8').digest('hex');
  return `${u.origin}${canonicalPath}?${canonicalQuery}&X-Amz-Signature=${signature}`;
}

/** `products/<productId>/<uuid>.<ext>`: a presigned key names its product, so confirm can check it. */
export const s3Key = (productId: string, type: ImageType) => `products/${productId}/${randomUUID()}.${EXTENSIONS[type]}`;
export const S3_KEY = /^products\/([0-9a-f-]{36})\/[0-9a-f-]{36}\.(jpg|png|webp|avif)$/;

export function typeOfContentType(contentType: string): ImageType | undefined {
  return (Object.entries(CONTENT_TYPES) as Array<[ImageType, string]>).find(([, v]) => v === contentType.toLowerCase())?.[0];
}

/** A presigned path-style PUT to the bucket (works with AWS, MinIO, R2). */
export function presignS3Put(s3: S3Config, key: string, now: Date, expiresSec = 900): string {
  return presignUrl({
    method: 'PUT',
    url: `${s3.endpoint}/${s3.bucket}/${key}`,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    now,
    expiresSec,
  });
}
