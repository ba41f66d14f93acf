import { createHash } from 'node:crypto';
import type { StaticFile } from './static-files.js';

const inlineScript = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const inlineStyle = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;

const hashesOf = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map(([, body]) => ` 'sha256-${createHash('sha256').update(body ?? '').digest('base64')}'`).join('');

/**
 * The Content Security Policy of a page the relay serves: its own scripts and styles and the inline
 * ones it holds (by hash, never 'unsafe-inline'), its own WebSocket, blob: media and images
 * (attachments, video), and no framing. The elements need nothing inline: Lit adopts its stylesheets.
 */
export function contentSecurityPolicy(html: string): string {
  return [
    "default-src 'self'",
    `script-src 'self'${hashesOf(html, inlineScript)}`,
    `style-src 'self'${hashesOf(html, inlineStyle)}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers of every file the relay serves; pages get their policy, and may use camera and microphone for video. */
export function staticFileHeaders(file: StaticFile): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['content-type', file.contentType],
    ['x-content-type-options', 'nosniff'],
    ['cache-control', 'no-cache'],
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ['cross-origin-resource-policy', 'same-site'],
  ];
  if (file.contentType.startsWith('text/html')) {
    headers.push(
      ['content-security-policy', contentSecurityPolicy(file.body.toString('utf8'))],
      ['permissions-policy', 'camera=(self), microphone=(self), geolocation=(), payment=()'],
      ['cross-origin-opener-policy', 'same-origin'],
      ['x-frame-options', 'DENY'],
    );
  }
  return headers;
}
