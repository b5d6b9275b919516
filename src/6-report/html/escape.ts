/**
 * Escaping for the HTML writer. Report text comes from documents scraped off the web (corpus 001 carries
 * "[ad_1]" scraper lines), so every string is treated as hostile: it may hold tags, attribute breakers,
 * `javascript:` URLs, template syntax or Unicode bidi controls that reorder what a reviewer sees
 * ("Trojan Source", Boucher & Anderson 2021, CVE-2021-42574).
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // `{{…}}` is inert in a static page, but escaping the braces keeps it inert if the HTML is ever pasted
  // into a template engine (Angular, Vue, Handlebars) – the same text still shows.
  '{': '&#123;',
  '}': '&#125;',
  // Backtick closes attribute values in old IE; cheap to neutralise.
  '`': '&#96;',
};

/** Escapes text for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most report strings hold nothing to escape: one test then spares the replace and its callback.
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => HTML_ESCAPES[c] ?? c) : text;
}

const HTML_SPECIAL = /[&<>"'{}`]/;
const HTML_SPECIALS = /[&<>"'{}`]/g;

/**
 * Invisible characters that change what a reader sees without being seen themselves: the bidi embeddings,
 * overrides and isolates (U+202A–202E, U+2066–2069) and marks (U+200E, U+200F, U+061C), zero-width spaces
 * and the BOM, plus C0/C1 controls other than tab and line ends. Joiners (U+200C/U+200D) are left alone:
 * Persian and Indic scripts and emoji need them.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** `INVISIBLE` without the global flag, for a stateless test. */
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

const INVISIBLE_NAMES: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** `U+202E` for a code point, four hex digits at least. */
export function codePointLabel(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Escapes text for element content and shows each invisible control as a visible `⟦U+202E⟧` token (with its
 * Unicode name as a tooltip), so a bidi override can neither reorder the page nor hide in it. The reviewer
 * sees that the candidate *contains* the control, which is itself a finding worth seeing.
 */
export function escapeText(text: string): string {
  // Almost no text holds a control: a non-global test spares matchAll, which clones the regex on every call.
  if (!HAS_INVISIBLE.test(text)) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    const i = m.index;
    out += escapeHtml(text.slice(last, i));
    const cp = text.charCodeAt(i);
    const name = INVISIBLE_NAMES[cp] ?? 'control character';
    out += `<span class="ctl" title="${name}">⟦${codePointLabel(cp)}⟧</span>`;
    last = i + 1;
  }
  return out + escapeHtml(text.slice(last));
}

/** Escapes for an attribute value, replacing invisible controls by their `U+XXXX` label. */
export function escapeAttr(text: string): string {
  return escapeHtml(text.replace(INVISIBLE, (c) => `⟦${codePointLabel(c.charCodeAt(0))}⟧`));
}

/**
 * A link target that is safe to put in `href`, or null. Only relative references are allowed (the batch
 * index links to report files beside it): anything with a scheme (`javascript:`, `data:`, `http:`) or a
 * network path (`//host`, `\\host`) is refused, after the whitespace and controls browsers strip before
 * parsing a URL (WHATWG URL §4.4) are removed, so `java\tscript:` cannot slip through.
 */
export function safeHref(href: string): string | null {
  const stripped = href.replace(/[\u0000-\u0020\u007F-\u009F]/g, '');
  if (stripped === '') return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(stripped)) return null;
  if (/^[\\/]{2}/.test(stripped)) return null;
  try {
    // Percent-encode what may not stand raw in a URL; keep the path separators, the fragment and any
    // escape that was already there.
    return encodeURI(href.trim()).replace(/%25([0-9A-F]{2})/gi, '%$1');
  } catch {
    return null; // a lone surrogate: not a URL anyone meant
  }
}
