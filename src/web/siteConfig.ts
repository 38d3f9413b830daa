import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The configured public address (RIKTNING_PUBLIC_URL), without a trailing slash. */
    publicUrl: string;
    /** The Chromium that prints PDFs (CHROMIUM_PATH). */
    chromiumPath: string;
  }
}

/**
 * The public address every absolute link is built from: the configuration's, set once on the
 * app (buildApp), never the request's Host or X-Forwarded-* headers, so no link, cached page, PDF
 * or file depends on what a client sent.
 */
export function publicUrl(req: FastifyRequest): string {
  return req.server.publicUrl;
}

export function chromiumPath(req: FastifyRequest): string {
  return req.server.chromiumPath;
}

/** The configuration the routes read through the request, set once when the app is built. */
export function setSiteConfig(app: FastifyInstance, config: Config): void {
  app.decorate('publicUrl', config.publicUrl.replace(/\/+$/, ''));
  app.decorate('chromiumPath', config.chromiumPath);
}
