import { describe, expect, it } from 'vitest';
import { claimedTypes, detectImageType, imageSizes, localFile, presignS3Put, presignUrl } from './media.js';

describe('detectImageType', () => {
  it.each([
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 0]],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]],
    ['webp', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]],
    ['avif', [0, 0, 0, 0x1c, ...Buffer.from('ftypavif'), 0, 0, 0, 0, ...Buffer.from('avifmif1miaf')]],
    [undefined, [...Buffer.from('<?php echo 1; ?>')]],
    [undefined, [0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic')]],
  ])('%s', (type, bytes) => expect(detectImageType(Buffer.from(bytes))).toBe(type));

  it('reads claims from the extension and the content type', () => {
    expect(claimedTypes('a.PNG', 'image/jpeg')).toEqual(['png', 'jpeg']);
    expect(claimedTypes('a.txt', 'application/octet-stream')).toEqual([]);
  });
});

describe('localFile', () => {
  const hash = 'a'.repeat(40);
  it('serves only our key shapes', () => {
    expect(localFile({ dir: '/m' }, `aa/${hash}.png`)).toEqual({ file: `/m/aa/${hash}.png`, contentType: 'image/png' });
    expect(localFile({ dir: '/m' }, `aa/${hash}-w320.webp`)?.contentType).toBe('image/webp');
    for (const bad of ['../../etc/passwd', `aa/../${hash}.png`, `aa/${hash}.svg`, `aa/${hash}.png/..`, ''])
      expect(localFile({ dir: '/m' }, bad)).toBeUndefined();
  });

  it('lists renditions narrowest first, the original last', () => {
    expect(imageSizes({ storageKey: `aa/${hash}.jpg`, publicBase: null, widths: [320, 640], width: 900 }).map((s) => s.url)).toEqual([
      `/media/aa/${hash}-w320.webp`,
      `/media/aa/${hash}-w640.webp`,
      `/media/aa/${hash}.jpg`,
    ]);
  });
});

describe('SigV4 presigned URLs', () => {
  it('matches AWS’s published example (GET examplebucket/test.txt)', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
    const url = presignUrl({
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      now: new Date('2013-05-24T00:00:00Z'),
      expiresSec: 86400,
    });
    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('presigns a path-style PUT to the bucket', () => {
    const url = new URL(
      presignS3Put(
        {
          endpoint: 'http://minio.local:9000',
          bucket: 'shop',
          region: 'us-east-1',
          accessKeyId: 'k',
          secretAccessKey: 's',
          publicUrl: 'https://cdn.example',
        },
        'products/p/1.png',
        new Date('2026-01-02T03:04:05Z'),
      ),
    );
    expect(url.pathname).toBe('/shop/products/p/1.png');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'X-Amz-Date': '20260102T030405Z',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Credential': 'k/20260102/us-east-1/s3/aws4_request',
    });
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
