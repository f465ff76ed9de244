import type { FastifyPluginAsync } from 'fastify';
import type { MediaConfig } from '../../config.js';
import { notFoundProblem } from '../../platform/http-errors.js';
import { localFile, readLocal } from './media.js';

/**
 * `GET /media/<key>`: product images from the local store. Keys are content hashes, so a response
 * never changes: cached for a year, immutable. Anything that is not one of our key shapes (`..`,
 * encoded slashes, other files) is 404 before the file system is touched.
 */
export const mediaRoutes: FastifyPluginAsync<{ media: Pick<MediaConfig, 'dir'> }> = async (app, { media }) => {
  app.get('/media/*', { schema: { hide: true } }, async (req, reply) => {
    const key = (req.params as { '*': string })['*'];
    const found = localFile(media, key);
    const body = found ? await readLocal(found.file) : undefined;
    if (!found || !body) return notFoundProblem(req, reply);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('etag', `"${key.split('/').pop()}"`)
      .type(found.contentType)
      .send(body);
  });
};
