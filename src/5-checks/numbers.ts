/**
 * Numbers and dates, read into comparable values.
 *
 * Values are compared after normalising, so "19th" = "nineteenth" = 19, "14 April 2025" = "April 14, 2025",
 * "1.5 million" = 1500000, "’13" = 2013; and "April 52" or "May 25" are both changes of "April 25"
 * (a day out of range is still read as a day, so the change is caught rather than the date lost).
 */
import { MAGNITUDES, MONTHS, MONTH_ABBREVIATIONS, NUMBER_WORDS, ORDINAL_WORDS } from './lexicon.js';
import type { Token, TokenizedDoc } from './tokens.js';

export type NumberKind = 'date' | 'cardinal' | 'ordinal' | 'year' | 'time';

export interface DateValue {
  y?: number;
  m?: number;
  d?: number;
}

export interface NumberMention {
  kind: NumberKind;
  /** First and last token index (inclusive) in the document token list. */
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  /** The text lower-cased, digits of any script as ASCII, white space collapsed: equal forms are one value. */
  norm: string;
  /** Numeric value for cardinals, ordinals, years; minutes since midnight for times. */
  value?: number;
  date?: DateValue;
  /** Currency sign before, "%" after, a glued unit ("km"), the letters of a code ("iphone"), or "decade". */
  unit?: string;
  /** Second reading of an ambiguous format: "272.000" is 272000 with a European thousands separator. */
  alt?: number;
  /** Spelled out in words ("nine", "first"): paraphrases drop these often, so a drop weighs less. */
  spelled: boolean;
  /**
   * Letters then digits in one token ("G7", "iPhone6", "L4"): a code whose digits a change can hit, but not a
   * quantity: it compares only with a code of the same letters, never with a bare number ("30" is not "L4").
   */
  code: boolean;
  sent: number;
}

const CURRENCY = new Set(['$', '€', '£', '¥', '₩', '₹']);
const PERCENT_WORDS = new Set(['percent', 'per cent', '%']);
/** "one" is a pronoun in "one of", "no one", "each one": not a quantity. */
const ONE_PRONOUN_BEFORE = new Set(['no', 'any', 'every', 'each', 'the', 'this', 'that', 'which', 'someone', 'anyone']);
const ONE_PRONOUN_AFTER = new Set(['of', 'another', 'or', 'by']);

/** Code point of a decimal digit → its value (0–9); filled on first use per script. */
const digitValue = new Map<number, number>();

/**
 * The value of a decimal digit of any script (\p{Nd}: Arabic-Indic ٣, Devanagari ३, fullwidth ３, Adlam 𞥐).
 * Unicode encodes every decimal digit set as ten consecutive code points from zero to nine, and sets that
 * follow each other directly (the mathematical digits) still start on a zero, so the value is the distance
 * to the start of the run of decimal digits, modulo ten.
 */
function decimalDigitValue(cp: number): number | undefined {
  let v = digitValue.get(cp);
  if (v !== undefined) return v;
  if (!DECIMAL_DIGIT.test(String.fromCodePoint(cp))) return undefined;
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  v = (cp - start) % 10;
  digitValue.set(cp, v);
  return v;
}
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const NON_ASCII = /[^\u0000-\u007f]/;
const OTHER_NUMERAL = /[^\P{N}\p{Nd}]/u;

/**
 * The token's text with decimal digits of any script written as ASCII digits, so every format below reads
 * them. Numerals that are not decimal digits (superscripts ², fractions ½, Roman numerals Ⅻ, circled ①)
 * have no place-value reading: a token with one is not a number (undefined), never a NaN.
 */
export function asciiDigits(text: string): string | undefined {
  if (!NON_ASCII.test(text)) return text;
  if (OTHER_NUMERAL.test(text)) return undefined;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const v = cp < 128 ? undefined : decimalDigitValue(cp);
    out += v === undefined ? ch : String(v);
  }
  return out;
}

function parseDigits(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  // 146,000 / 1,500,000: groups of three after commas.
  if (/^\d{1,3}(,\d{3})+$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^\d+(,\d{3})*\.\d+$/.test(text)) return Number(text.replace(/,/g, ''));
  return undefined;
}

function ordinalDigits(text: string): number | undefined {
  const m = /^(\d+)(st|nd|rd|th)$/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Extracts number and date mentions from one sentence; `used` marks tokens already taken by other entities. */
export function extractNumbers(doc: TokenizedDoc, si: number, used: ReadonlySet<number>): NumberMention[] {
  const s = doc.sentences[si]!;
  const toks = doc.tokens;
  const out: NumberMention[] = [];
  const taken = new Set<number>();
  /** Next word token index after i within the sentence (skipping only commas if allowed). */
  const nextWord = (i: number, skipComma = false): number | undefined => {
    for (let j = i + 1; j < s.last; j++) {
      const t = toks[j]!;
      if (t.word) return j;
      if (skipComma && t.text === ',') continue;
      return undefined;
    }
    return undefined;
  };
  const prevWord = (i: number): number | undefined => {
    const j = i - 1;
    return j >= s.first && toks[j]!.word ? j : undefined;
  };
  const dayOf = (t: Token | undefined): number | undefined => {
    if (!t) return undefined;
    const x = asciiDigits(t.text);
    if (x === undefined) return undefined;
    const v = parseDigits(x) ?? ordinalDigits(x) ?? ORDINAL_WORDS.get(t.norm);
    // Up to three digits: "July 111" is a corrupted day, still a day (the change must be caught).
    return v !== undefined && Number.isInteger(v) && v >= 0 && v <= 999 && x.length <= 5 ? v : undefined;
  };
  const yearOf = (t: Token | undefined): number | undefined => {
    const x = t ? asciiDigits(t.text) : undefined;
    if (x === undefined || !/^\d{4}$/.test(x)) return undefined;
    const v = Number(x);
    return v >= 1000 && v <= 2999 ? v : undefined;
  };
  const push = (m: Omit<NumberMention, 'start' | 'end' | 'text' | 'norm' | 'sent' | 'code'> & { code?: boolean }) => {
    // Only what reads as a finite number is a number: a value that is not one could never compare equal.
    if (m.value !== undefined && !Number.isFinite(m.value)) return;
    const start = toks[m.first]!.start;
    const end = toks[m.last]!.end;
    const text = doc.text.slice(start, end);
    // One object shape for every mention (absent fields are undefined), which keeps the comparisons monomorphic.
    out.push({ kind: m.kind, first: m.first, last: m.last, start, end, text, norm: normalizeNumberText(text), value: m.value, date: m.date, unit: m.unit, alt: m.alt, spelled: m.spelled, code: m.code ?? false, sent: si });
    for (let k = m.first; k <= m.last; k++) taken.add(k);
  };

  // Pass 1: dates around month names.
  for (let i = s.first; i < s.last; i++) {
    const t = toks[i]!;
    if (!t.word) continue;
    const month = MONTHS.get(t.norm);
    if (month === undefined || used.has(i) || taken.has(i)) continue;
    const after = nextWord(i);
    const afterTok = after !== undefined ? toks[after] : undefined;
    const isAbbrev = MONTH_ABBREVIATIONS.has(t.norm);
    // "may"/"march" and abbreviations are months only with a day or year beside them, or capitalised mid-sentence.
    const ambiguous = isAbbrev || t.norm === 'may' || t.norm === 'march';
    let first = i;
    let last = i;
    const date: DateValue = { m: month };
    // "14 April", "14th of April".
    let before = prevWord(i);
    if (before !== undefined && toks[before]!.norm === 'of') before = prevWord(before);
    if (before !== undefined && !taken.has(before) && !used.has(before) && dayOf(toks[before]) !== undefined && !yearOf(toks[before])) {
      date.d = dayOf(toks[before]);
      first = before;
    }
    if (afterTok && after !== undefined && !used.has(after)) {
      const y = yearOf(afterTok);
      if (y !== undefined) {
        date.y = y;
        last = after;
      } else if (date.d === undefined && dayOf(afterTok) !== undefined) {
        date.d = dayOf(afterTok);
        last = after;
        const yi = nextWord(after, true);
        if (yi !== undefined && yearOf(toks[yi]) !== undefined) {
          date.y = yearOf(toks[yi]);
          last = yi;
        }
      }
    }
    if (date.d === undefined && date.y === undefined) {
      if (ambiguous && (!t.cap || t.initial)) continue;
      if (ambiguous && isAbbrev) continue;
    }
    // A weekday just before ("Sunday, July 26") belongs to the date but does not change its value.
    push({ kind: 'date', first, last, date, spelled: false });
  }

  // Pass 2: numbers, ordinals, years, times.
  for (let i = s.first; i < s.last; i++) {
    const t = toks[i]!;
    if (!t.word || (!t.num && !NUMBER_WORDS.has(t.norm) && !ORDINAL_WORDS.has(t.norm)) || used.has(i) || taken.has(i)) continue;
    const text = asciiDigits(t.text);
    if (text === undefined) continue;
    const hasDigit = /\d/.test(text);
    if (!hasDigit && !NUMBER_WORDS.has(t.norm) && !ORDINAL_WORDS.has(t.norm)) continue;
    let first = i;
    let last = i;
    let kind: NumberKind | undefined;
    let value: number | undefined;
    let spelled = false;
    let alt: number | undefined;
    const prev = i > s.first ? toks[i - 1] : undefined;
    // Part of an acronym code glued by a hyphen ("CAS500-4", "COVID-19"): the code is checked as a whole.
    // After a plain word ("Covid-19", "F-35") the digits are the only place a change shows, so they count.
    if (prev && t.glued && (prev.text === '-' || prev.text === '–') && i - 2 >= s.first && toks[i - 1]!.glued) {
      const left = toks[i - 2]!;
      if (left.word && /\p{L}/u.test(left.text) && (used.has(i - 2) || (left.text.match(/\p{Lu}/gu)?.length ?? 0) >= 2)) continue;
    }
    if (/^\d{1,2}:\d{2}$/.test(text)) {
      const [h, mi] = text.split(':').map(Number) as [number, number];
      push({ kind: 'time', first: i, last: i, value: h * 60 + mi, spelled: false });
      continue;
    }
    // Decades ("1960s", "’70s", "50s"), numbers with a glued unit ("600Mbit", "10km", "3D") and codes
    // ending in digits ("iPhone6", "G7"): the digits are a value a change can hit.
    const decade = /^(\d{2}|\d{4})s$/.exec(text);
    const glued = /^(\d+(?:\.\d+)?)(\p{L}+)$/u.exec(text);
    const code = /^(\p{L}+)(\d+)$/u.exec(text);
    if (decade) {
      push({ kind: 'year', first: i, last: i, value: Number(decade[1]), unit: 'decade', spelled: false });
      continue;
    }
    if (glued && !/^(st|nd|rd|th)$/i.test(glued[2]!)) {
      // "103bn" is "103 billion", not 103 of a unit "bn".
      const magnitude = MAGNITUDES.get(glued[2]!.toLowerCase());
      if (magnitude !== undefined) push({ kind: 'cardinal', first: i, last: i, value: Number(glued[1]) * magnitude, spelled: false });
      else push({ kind: 'cardinal', first: i, last: i, value: Number(glued[1]), unit: glued[2]!.toLowerCase(), spelled: false });
      continue;
    }
    if (code) {
      push({ kind: 'cardinal', first: i, last: i, value: Number(code[2]), unit: code[1]!.toLowerCase(), spelled: false, code: true });
      continue;
    }
    const digits = parseDigits(text);
    const ordD = ordinalDigits(text);
    const ordW = ORDINAL_WORDS.get(t.norm);
    const numW = NUMBER_WORDS.get(t.norm);
    if (digits !== undefined) {
      value = digits;
      // ’13 → 2013: a two-digit year after an apostrophe glued to it.
      if (/^\d{2}$/.test(text) && prev && (prev.text === '’' || prev.text === "'") && t.glued && !(i - 2 >= s.first && toks[i - 2]!.word && toks[i - 1]!.glued)) {
        value = digits <= 50 ? 2000 + digits : 1900 + digits;
        kind = 'year';
        first = i - 1;
      } else if (/^\d{4}$/.test(text) && digits >= 1000 && digits <= 2999) {
        kind = 'year';
      } else {
        kind = 'cardinal';
      }
      if (/^\d{1,3}(\.\d{3})+$/.test(text)) alt = Number(text.replace(/\./g, ''));
    } else if (ordD !== undefined) {
      value = ordD;
      kind = 'ordinal';
    } else if (ordW !== undefined) {
      value = ordW;
      kind = 'ordinal';
      spelled = true;
      // "twenty-first".
      if (prev && prev.text === '-' && t.glued && i - 2 >= s.first && NUMBER_WORDS.get(toks[i - 2]!.norm) !== undefined && (NUMBER_WORDS.get(toks[i - 2]!.norm) ?? 0) >= 20) {
        continue; // handled when the tens word was read
      }
    } else if (numW !== undefined) {
      if (t.norm === 'one') {
        const b = prev && prev.word ? prev.norm : '';
        const a = i + 1 < s.last ? toks[i + 1]!.norm : '';
        if (ONE_PRONOUN_BEFORE.has(b) || ONE_PRONOUN_AFTER.has(a) || a === '' || !toks[i + 1]!.word) continue;
      }
      if (t.norm === 'hundred' || t.norm === 'dozen') continue;
      value = numW;
      kind = 'cardinal';
      spelled = true;
      // "twenty-five", "twenty-first".
      const h = i + 1 < s.last ? toks[i + 1] : undefined;
      const u = i + 2 < s.last ? toks[i + 2] : undefined;
      if (numW >= 20 && numW < 100 && h && u && h.text === '-' && h.glued && u.glued) {
        const unit = NUMBER_WORDS.get(u.norm);
        const unitOrd = ORDINAL_WORDS.get(u.norm);
        if (unit !== undefined && unit < 10) {
          value = numW + unit;
          last = i + 2;
        } else if (unitOrd !== undefined && unitOrd < 10) {
          value = numW + unitOrd;
          kind = 'ordinal';
          last = i + 2;
        }
      }
      // "two hundred".
      const hw = nextWord(last);
      if (hw !== undefined && toks[hw]!.norm === 'hundred') {
        value = value * 100;
        last = hw;
      }
    } else {
      continue;
    }
    // Magnitude: "1.5 million", "$700 billion".
    const mw = nextWord(last);
    if (mw !== undefined && MAGNITUDES.has(toks[mw]!.norm) && kind !== 'ordinal') {
      value = value * MAGNITUDES.get(toks[mw]!.norm)!;
      last = mw;
      kind = 'cardinal';
    }
    let unit: string | undefined;
    if (first > s.first && CURRENCY.has(toks[first - 1]!.text)) {
      unit = toks[first - 1]!.text;
      first -= 1;
    }
    const after = last + 1 < s.last ? toks[last + 1] : undefined;
    if (after && after.text === '%') {
      unit = '%';
      last += 1;
    } else if (after && after.word && PERCENT_WORDS.has(after.norm)) {
      unit = '%';
      last += 1;
    }
    if (kind === 'year') unit = undefined;
    if (alt !== undefined && last > i) alt = undefined; // a magnitude word followed: "1.500 million" is 1.5 million
    push({ kind, first, last, value, unit, alt, spelled });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** Lower case, decimal digits of any script as ASCII, runs of white space as one space. */
export function normalizeNumberText(text: string): string {
  const t = (asciiDigits(text) ?? text).toLowerCase();
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t;
}

/** Compact canonical form for evidence and equality: "2025-04-14", "19", "12:00". */
export function numberKey(n: NumberMention): string {
  if (n.kind === 'date') {
    const d = n.date ?? {};
    return `${d.y ?? '?'}-${d.m !== undefined ? String(d.m).padStart(2, '0') : '?'}-${d.d !== undefined ? String(d.d).padStart(2, '0') : '?'}`;
  }
  if (n.kind === 'time') return `${Math.floor((n.value ?? 0) / 60)}:${String((n.value ?? 0) % 60).padStart(2, '0')}`;
  return String(n.value);
}

/**
 * Same value? Cardinals, ordinals and years compare by number ("19th" = "nineteenth" = "19"); dates compare
 * on the parts both give (a year alone matches a date in that year), and must share at least one part.
 */
export function sameNumber(a: NumberMention, b: NumberMention): boolean {
  // The same written form is the same value, whatever the reading made of it.
  if (a.norm === b.norm) return true;
  if (a.kind === 'date' || b.kind === 'date') {
    const da = a.kind === 'date' ? a.date ?? {} : a.kind === 'year' ? { y: a.value } : undefined;
    const db = b.kind === 'date' ? b.date ?? {} : b.kind === 'year' ? { y: b.value } : undefined;
    if (!da || !db) return false;
    let shared = 0;
    for (const k of ['y', 'm', 'd'] as const) {
      if (da[k] === undefined || db[k] === undefined) continue;
      if (da[k] !== db[k]) return false;
      shared++;
    }
    return shared > 0;
  }
  if (a.kind === 'time' || b.kind === 'time') return a.kind === b.kind && a.value === b.value;
  // Codes of different letters are different things ("G7", "L7"); a code and a bare number of the same
  // value may be one thing written two ways ("G7", "G-7").
  if (a.code && b.code && a.unit !== b.unit) return false;
  // "three innings" is not "third-year": cardinals and ordinals are different quantities.
  if ((a.kind === 'ordinal') !== (b.kind === 'ordinal')) return false;
  return a.value === b.value || (a.alt !== undefined && a.alt === b.value) || (b.alt !== undefined && b.alt === a.value);
}

/** Could `b` be `a` with its value changed (same sort of quantity)? */
export function comparableNumbers(a: NumberMention, b: NumberMention): boolean {
  const cls = (n: NumberMention) => (n.kind === 'date' || n.kind === 'year' ? 'date' : n.kind === 'time' ? 'time' : 'num');
  if (cls(a) !== cls(b)) return false;
  if (cls(a) === 'date') {
    // A change keeps some part to change: "April 25" → "May 25", "2024" → "2025"; a bare month and a bare
    // year ("in May", "in 2030") have no part in common, so one is not the other changed.
    const da = a.kind === 'date' ? a.date ?? {} : { y: a.value };
    const db = b.kind === 'date' ? b.date ?? {} : { y: b.value };
    if (!(['y', 'm', 'd'] as const).some((k) => da[k] !== undefined && db[k] !== undefined)) return false;
  }
  if (cls(a) === 'num') {
    if ((a.kind === 'ordinal') !== (b.kind === 'ordinal')) return false;
    // A code changes only into a code of the same letters ("G7" → "G8"); a bare number is another quantity.
    if (a.code !== b.code || (a.code && a.unit !== b.unit)) return false;
    // Units must agree when both are given ("30%" vs "$30", "10km" vs "10kg" are other quantities).
    if (a.unit && b.unit && a.unit !== b.unit) return false;
    if (!!a.unit !== !!b.unit && (a.unit === '%' || b.unit === '%')) return false;
  }
  return true;
}
