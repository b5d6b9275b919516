import { createHash } from 'node:crypto';
import { escapeAttr } from './escape.js';

/**
 * The page shell shared by the report and the batch index. The CSP meta tag blocks every network request
 * (`default-src 'none'`), allows the inline stylesheet, and allows exactly one script: the one whose
 * SHA-256 is pinned here. An injected `<script>` or `onerror=` handler would be refused by the browser
 * even if an escape were missed (defence in depth, OWASP XSS Prevention Cheat Sheet, rule "CSP").
 */
export function page(opts: { title: string; css: string; body: string; script?: string }): string {
  const scriptSrc = opts.script === undefined ? "'none'" : `'sha256-${createHash('sha256').update(opts.script, 'utf8').digest('base64')}'`;
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${scriptSrc}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return (
    '<!doctype html>\n' +
    '<html lang="en">\n<head>\n' +
    '<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="referrer" content="no-referrer">\n' +
    '<meta name="generator" content="fidelity">\n' +
    `<title>${escapeAttr(opts.title)}</title>\n` +
    `<style>${opts.css}</style>\n` +
    '</head>\n<body>\n' +
    opts.body +
    (opts.script === undefined ? '' : `<script>${opts.script}</script>\n`) +
    '</body>\n</html>\n'
  );
}

/** A number with a fixed count of decimals, or an en dash when there is none (NaN from an empty side). */
export function fmt(n: number | null | undefined, digits: number): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '–';
}

/** A safe class-name token from any string (kinds and severities come from JSON that may be hostile). */
export function cls(token: string): string {
  return token.toLowerCase().replace(/[^a-z0-9-]/g, '_');
}
