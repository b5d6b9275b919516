import model from 'wink-eng-lite-web-model';
import type { DriftClass, Finding, Scores, Severity } from '../types.js';

/** Bumped whenever the formula, weights or bounds below change, so old and new drift values are never compared. */
export const DRIFT_VERSION = '9';

/**
 * Drift of one aligned link in [0, 1]: 0 = same meaning and wording, 1 = nothing in common. It is one minus
 * the share of the reference that survives in the candidate, each part taking away a share of what is left:
 *
 *   drift = 1 − (chrF/100) · (1 − w_c)^missingContentWords · (1 − w_n)^missingNamesNumbers
 *               · (1 − w_g)^grammarWordsChanged · (1 − w_i)^otherForms · (1 − w_h)^holes · Π_f (1 − w_f)
 *
 * 1. chrF (sacreBLEU chrF2 on the normalised texts): how much of the reference survives at the character level.
 *    It forgives inflection and tokenisation, weighs recall twice precision, and, unlike TER, never rewards a
 *    candidate for dropping a word it had added: on DEMETR (Karpinska et al. 2022, dev items) TER or BLEU at
 *    any weight that matters made drift miss removals chrF sees (content verb removed: 0.82 → 0.73 of items).
 * 2. Reference content words the candidate lacks (compared on their first six letters, so inflections
 *    match), each taking away `contentWord`. MQM counts errors (WMT21 zh→en, Freitag et al. 2021), and a
 *    missing word is the commonest; on TED (dev) this part lifts Kendall tau-b from 0.122 (chrF) to ~0.17,
 *    and within reference-length strata from 0.136 to 0.142, so it is more than sentence length.
 * 3. Names and numbers of the reference (capitalised words not at a sentence start, acronyms, digits and
 *    number words, read as values: "seventeen" = 17, "8 p.m." = 20) the candidate lacks, each taking away
 *    `nameOrNumber` more: a changed figure or name changes the meaning of a sentence that may still share
 *    95 % of its characters.
 * 4. Tense, aspect and mood words (will, had, was, been, being, can, must…) and negations (not, n't, never)
 *    on one side only, counted in both directions, and reference content words the candidate has only in
 *    another inflection ("reported" → "reporting"), each taking away 2 %. Part 2 forgives inflection and
 *    function words, so "is" → "will be", "reopened" → "was reopening" changed no part but chrF, which such
 *    edits barely move (it misses 84 of 790 DEMETR dev tense changes); a changed verb form is a changed
 *    meaning. DEMETR dev (v4): tense 706 → 726 of 790 items (chrF 706), aspect 698 → 747 (chrF 698), question
 *    729 → 746 (chrF 729); TED dev tau-b 0.1644 → 0.1717 (MQM counts grammar errors too).
 * 5. Holes: places where the candidate lacks a word its own grammar needs — an article before a preposition,
 *    verb or punctuation ("the of", "The is"), a preposition before punctuation or another preposition ("to
 *    after"), a statement opening with an auxiliary ("Was destroyed by…") — beyond those the reference has,
 *    each taking away what a missing content word does. A removed word that the reference did not have (an
 *    independent translation words it otherwise) moves chrF the wrong way, since the candidate gets shorter
 *    and more precise; the hole it leaves is the trace. DEMETR dev (v5): noun removed 697 → 720 of 778 (chrF
 *    695), subject removed 718 → 733 of 786 (chrF 718); TED dev tau-b unchanged (MT output has few holes).
 * 6. Entity findings of the checks stage (folded in by `driftWithFindings`): critical and major alike,
 *    minor less.
 *
 * Multiplying instead of adding keeps drift in [0, 1] without clamping, so two badly drifted links still rank
 * (clamping at 1 made ties). `npm run eval:mqm` and `npm run eval:demetr` print the figures; the README
 * ("Drift") explains each part. Weights chosen on dev data only (TED for MQM, DEMETR items with id % 5 ≠ 0).
 */
export const DRIFT_WEIGHTS = {
  /** Share taken away by each reference content word missing from the candidate. */
  contentWord: 0.05,
  /** Share taken away by each reference name or number missing from the candidate. */
  nameOrNumber: 0.1,
  /** Share taken away by each tense, aspect, mood or negation word (auxiliary, modal, not) on one side only. */
  grammarWord: 0.02,
  /** Share taken away by each reference content word the candidate has only in another inflection. */
  otherForm: 0.02,
  /** Share taken away by each place where the candidate lacks a word its grammar needs (as a missing word). */
  hole: 0.05,
  /**
   * Share taken away by each entity finding of the link, by severity. Critical and major take the same share:
   * severity tells a reviewer how sure and how alarming a finding is, but for drift both mean the reader lost
   * the reference's entity. With major below critical (0.15/0.3), losing *more* of an entity lowered drift: a
   * name rendered wrongly (critical "replaced", "expansion corrupted") that a later edit deletes becomes a
   * major "dropped" finding, and drift fell although the candidate lost words (DEMETR dev: word-order shuffle
   * 798 → 800 of 800 items, named entity removed 526 → 529 of 538, +20 items over all types; TED dev tau-b
   * 0.1635 → 0.1647). 0.2 for both did as well on dev, but left a corrupted expansion in a long, otherwise
   * intact sentence (corpus 001, "Commercial Lunar Attack Services") below 0.5. Minor findings (case only)
   * keep a small share: the referent is still there.
   */
  finding: { critical: 0.3, major: 0.3, minor: 0.03 } satisfies Record<Severity, number>,
} as const;

/**
 * Class boundaries on the drift value (used when no finding decides the class); see `driftClassOf` and the
 * README for the data behind them.
 */
export const DRIFT_CLASS_BOUNDS = { major: 0.68, meaningChanged: 0.83 } as const;

/** What the candidate lacks of the reference, word by word (the counts behind parts 2 to 5 of drift). */
export interface MissingWords {
  /** Reference content words (not function words) with no counterpart in the candidate. */
  contentWords: number;
  /** Reference names, acronyms and numbers with no counterpart in the candidate. */
  namesNumbers: number;
  /** Tense, aspect and mood words (auxiliaries, modals) on one side only, both directions counted. */
  grammarWords?: number;
  /** Reference content words the candidate has only in another form (same stem, other inflection). */
  otherForms?: number;
  /** Places where the candidate lacks a word its grammar needs ("the of"), beyond those of the reference. */
  holes?: number;
}

export const NOTHING_MISSING: MissingWords = { contentWords: 0, namesNumbers: 0 };


/** Drift of a link from its scores and the words the candidate lacks (no findings yet). */
export function lexicalDrift(scores: Pick<Scores, 'chrF'>, missing: MissingWords = NOTHING_MISSING): number {
  const kept =
    clamp01(scores.chrF / 100) *
    (1 - DRIFT_WEIGHTS.contentWord) ** missing.contentWords *
    (1 - DRIFT_WEIGHTS.nameOrNumber) ** missing.namesNumbers *
    (1 - DRIFT_WEIGHTS.grammarWord) ** (missing.grammarWords ?? 0) *
    (1 - DRIFT_WEIGHTS.otherForm) ** (missing.otherForms ?? 0) *
    (1 - DRIFT_WEIGHTS.hole) ** (missing.holes ?? 0);
  return clamp01(1 - kept);
}

/**
 * Drift of the normalised texts of a link whose sentence scores are known: `lexicalDrift` with the missing
 * words counted here.
 */
export function linkDrift(reference: string, candidate: string, scores: Pick<Scores, 'chrF'>): number {
  return roundDrift(lexicalDrift(scores, missingWords(reference, candidate)));
}

/** Adds the entity part to a drift value: each finding takes away its share of what was left. */
export function driftWithFindings(drift: number, findings: readonly Finding[]): number {
  let kept = 1 - clamp01(drift);
  for (const f of findings) kept *= 1 - DRIFT_WEIGHTS.finding[f.severity];
  return roundDrift(clamp01(1 - kept));
}

/**
 * Class of a link with both sides present. A critical finding means the sentence now says something else
 * whatever its overlap; a major one means it is at least a major drift. Without findings the bounds decide,
 * set on dev data (`npm run eval:demetr` and `npm run eval:mqm` print the figures):
 * - `major` from 0.68: 90 % of DEMETR's correct translations of a sentence drift less from its reference (an
 *   independent translation of the same source, dev items), so below 0.68 a link differs as much as a correct
 *   re-translation does; in WMT21 TED (dev) the share of segments with an MQM major error grows from 13 %
 *   below 0.2 to ~40 % from 0.6.
 * - `meaning-changed` from 0.83: no unrelated translation (DEMETR's shuffled-translation baseline) drifts
 *   less (the lowest is 0.839), and 1.5 % of correct translations drift more. Lexical drift alone cannot
 *   see a changed name in an otherwise faithful sentence; the checks' critical findings classify those.
 *   (Drift v2 had 0.6 and 0.8; the tense, negation, inflection and hole parts of v4–v6 raised every drift a
 *   little, and at 0.6/0.8 19 % and 2.4 % of correct translations crossed them.)
 */
export function driftClassOf(drift: number, identical: boolean, findings: readonly Finding[]): DriftClass {
  if (identical && findings.length === 0) return 'identical';
  if (findings.some((f) => f.severity === 'critical') || drift >= DRIFT_CLASS_BOUNDS.meaningChanged) return 'meaning-changed';
  if (findings.some((f) => f.severity === 'major') || drift >= DRIFT_CLASS_BOUNDS.major) return 'major';
  return 'minor';
}

// --- words the candidate lacks -------------------------------------------------------------------------------

/**
 * Function words: they carry grammar, not content, and translations add or drop them freely. Negations are
 * not among them ("not", "never", "no" change the meaning).
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those some any each every all both either neither ' +
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs one ones ' +
    'who whom whose which what when where why how there here ' +
    'be am is are was were been being have has had having do does did doing will would shall should can could may might must ' +
    'and or but nor so yet if then than as because while although though since unless until whether ' +
    'of in on at by for with from to into onto upon about above below over under between among through during before after ' +
    'against without within along across behind beyond toward towards around near off out up down ' +
    'also just only very too more most much many such own same other another s t d ll m re ve mr mrs ms dr'
  ).split(' '),
);

/**
 * Words that carry tense, aspect and mood (part 4 of drift): auxiliaries and modals, contracted forms read as
 * full ones ("'ll" = will). They stay function words for part 2: translations move them around freely, so they
 * count by their own, smaller weight, and in both directions ("is" → "will be" adds "will" and "be", loses "is").
 */
const GRAMMAR_WORDS: ReadonlyMap<string, string> = new Map([
  ...'will would shall should can could may might must is are am was were be been being has have had do does did'.split(' ').map((w): [string, string] => [w, w]),
  ['ll', 'will'],
  ['ve', 'have'],
  ['re', 'are'],
  ['m', 'am'],
]);

/** Negative contractions: "wasn't" = was not, "won't" = will not, "can't" and "cannot" = can not. */
const NEGATIVE_CONTRACTION = /\b(\p{L}+?)(?:n't\b|(?<=\bcan)not\b)|(?<=\s)n't\b/giu;
const CONTRACTED_BASE: ReadonlyMap<string, string> = new Map([
  ['wo', 'will'],
  ['ca', 'can'],
  ['sha', 'shall'],
  ['ai', 'is'],
]);

/**
 * The tense, aspect, mood and negation words of a text (part 4 of drift), counted by their full form:
 * "wasn't" is "was" and a negation, so a negated copy of a sentence differs by its negation only. Read as a
 * word "wasn" (DEMETR's negations are mostly contracted), the copy had lost its "was", so it looked *closer*
 * to a reference with "was"; "never" counts as a negation too. DEMETR dev: negation 731 → 785 of 799 (chrF 725).
 */
function grammarWordsOf(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (w: string) => counts.set(w, (counts.get(w) ?? 0) + 1);
  const lower = text.toLowerCase();
  // The pattern needs "n't" or "cannot": without either, the (costly, lookbehind) replace changes nothing.
  const expanded = !lower.includes("n't") && !lower.includes('cannot') ? lower : lower.replace(NEGATIVE_CONTRACTION, (m, base: string | undefined) => {
    if (base === undefined) return ' not ';
    const full = CONTRACTED_BASE.get(base) ?? base;
    return GRAMMAR_WORDS.has(full) ? ` ${full} not ` : m;
  });
  for (const m of expanded.matchAll(/\p{L}+/gu)) {
    const w = m[0];
    const g = GRAMMAR_WORDS.get(w) ?? (w === 'not' || w === 'never' ? 'not' : undefined);
    if (g !== undefined) add(g);
  }
  return counts;
}

/** Cardinal number words; "both" is the two of something and "dozen" twelve, as a reader checks them. */
const CARDINALS: ReadonlyMap<string, number> = new Map([
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((w, i): [string, number] => [w, i]),
  ...'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i): [string, number] => [w, 20 + 10 * i]),
  ['hundred', 100],
  ['thousand', 1000],
  ['million', 1e6],
  ['billion', 1e9],
  ['dozen', 12],
  ['both', 2],
]);

const ORDINALS: ReadonlyMap<string, number> = new Map([
  ...'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth'
    .split(' ')
    .map((w, i): [string, number] => [w, i + 1]),
  ...'twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth'.split(' ').map((w, i): [string, number] => [w, 20 + 10 * i]),
  ['hundredth', 100],
  ['thousandth', 1000],
]);

/** "the fifties" = the 50s. */
const DECADES: ReadonlyMap<string, number> = new Map(
  'twenties thirties forties fifties sixties seventies eighties nineties'.split(' ').map((w, i): [string, number] => [w, 20 + 10 * i]),
);

/**
 * Number words that stand for a figure a reader checks. "one", "first" and "second" are left out (pronoun,
 * "for the first time", a unit of time), and so are the bare magnitudes; they still match a figure written in
 * digits. A magnitude that is a figure by itself ("a hundred", "one thousand") or part of a run of number words
 * ("two hundred", "twenty-five") is read as the run's value and is salient (see `numberRun`).
 */
const FIGURE_WORDS_EXCLUDED = new Set(['zero', 'one', 'first', 'second', 'hundred', 'thousand', 'million', 'billion', 'hundredth', 'thousandth']);

/** Letters after digits that belong to the number: 20th, 3rd, 1990s. */
const NUMBER_SUFFIXES = new Set(['st', 'nd', 'rd', 'th', 's']);

/** Dotted abbreviations (U.S., a.m.), runs of letters, numbers with inner separators (160,000 or 2.5). */
const TOKEN = /(?:\p{L}\.){2,}|\p{L}+|\p{Nd}+(?:[.,]\p{Nd}+)*/gu;

/** 8 p.m., 8:30 pm, 11.15 a.m.: rewritten on the 24-hour clock so "8:30 p.m." and "20:30" agree. */
const CLOCK = /\b(\d{1,2})(?:([:.])(\d{2}))?\s*([ap])\.?\s?m\b\.?/gi;

export interface WordToken {
  /** Lower-cased word, or the number's value in digits. */
  key: string;
  /** A name, acronym or figure (part 3 of drift). */
  salient: boolean;
  /** A content word (part 2 of drift). */
  content: boolean;
  /** Written in capitals (KASA, U.S.). */
  acronym: boolean;
  /** Starts with a capital letter, wherever it stands. */
  capitalised: boolean;
}

/** Short capitalised abbreviations whose dot does not end a sentence (Mr. Smith, No. 3, St. Louis). */
function isShortAbbreviation(word: string): boolean {
  return word.length <= 3 && startsUpper(word);
}

/** `/^\p{Lu}/u.test(word)`, with the regex only for a non-ASCII first character (wordTokens is hot in batches). */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(word);
}

/** `/^\p{Nd}/u.test(word)`, with the regex only for a non-ASCII first character. */
function startsDigit(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 48 && c <= 57 : /^\p{Nd}/u.test(word);
}

/** `/[.!?]/.test(text)`. */
function hasStop(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63) return true;
  }
  return false;
}

function to24h(_m: string, h: string, sep: string | undefined, min: string | undefined, ap: string): string {
  let hour = Number(h);
  if (ap.toLowerCase() === 'p' && hour < 12) hour += 12;
  if (ap.toLowerCase() === 'a' && hour === 12) hour = 0;
  return min === undefined ? `${hour}` : `${hour}${sep === '.' ? ':' : sep}${min}`;
}

/** The words of a (normalised) text with their roles in drift. Exported for tests. */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  /** Value of the output tokens that are (runs of) cardinal number words, by index. */
  const runOf = new Map<number, number>();
  const src = text.replace(CLOCK, to24h);
  let last = -1;
  let prevWord = '';
  // exec on the one global regex rather than matchAll, which clones the regex on every call (hot in batches).
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(src); m !== null; m = TOKEN.exec(src)) {
    const start = m.index;
    const raw = m[0];
    const gap = last < 0 ? '' : src.slice(last, start);
    const sentenceStart = last < 0 || (hasStop(gap) && !isShortAbbreviation(prevWord));
    // 20th, 1990s: the letters belong to the number before them.
    if (last === start && /\d$/.test(prevWord) && NUMBER_SUFFIXES.has(raw.toLowerCase())) {
      last = start + raw.length;
      continue;
    }
    last = start + raw.length;
    const prevBefore = prevWord;
    prevWord = raw;
    if (startsDigit(raw)) {
      // Thousands separators go (160,000 = 160000); a decimal point stays.
      out.push({ key: raw.replace(/,(?=\d{3}(?!\d))/g, ''), salient: true, content: false, acronym: false, capitalised: false });
      continue;
    }
    const word = raw.includes('.') ? raw.replaceAll('.', '') : raw;
    const lower = word.toLowerCase();
    const value = CARDINALS.get(lower) ?? ORDINALS.get(lower) ?? DECADES.get(lower);
    if (value !== undefined) {
      const run = numberRun(out, runOf, value, gap);
      if (run !== null) {
        for (let k = run.from; k < out.length; k++) runOf.delete(k);
        out.length = run.from;
        out.push({ key: String(run.value), salient: true, content: false, acronym: false, capitalised: false });
        if (CARDINALS.has(lower)) runOf.set(run.from, run.value);
        continue;
      }
      // "a hundred", "one thousand": the magnitude is the figure.
      const figure = !FIGURE_WORDS_EXCLUDED.has(lower) || (MAGNITUDES.has(value) && /^(?:a|one)$/.test(out.at(-1)?.key ?? '') && /^[\s-]+$/.test(gap));
      out.push({ key: String(value), salient: figure, content: false, acronym: false, capitalised: false });
      if (CARDINALS.has(lower)) runOf.set(out.length - 1, value);
      continue;
    }
    // "wasn't", "don't", "can't": the auxiliary is a function word and the "t" is the negation "not", so
    // they read as "was not", "do not", "can not".
    if (/n$/.test(lower) && /^'t\b/i.test(src.slice(last, last + 3))) {
      const base = lower.slice(0, -1);
      const full = CONTRACTED_BASE.get(base) ?? base;
      if (GRAMMAR_WORDS.has(full)) {
        out.push({ key: full, salient: false, content: false, acronym: false, capitalised: false });
        continue;
      }
    }
    if (lower === 't' && /n$/i.test(prevBefore) && src[start - 1] === "'") {
      out.push({ key: 'not', salient: false, content: true, acronym: false, capitalised: false });
      continue;
    }
    if (lower === 'cannot') {
      out.push({ key: 'can', salient: false, content: false, acronym: false, capitalised: false }, { key: 'not', salient: false, content: true, acronym: false, capitalised: false });
      continue;
    }
    const content = !FUNCTION_WORDS.has(lower);
    // An acronym is a name wherever it stands (U.S. too); a capitalised word only where case is not grammar.
    const acronym = word.length >= 2 && word === word.toUpperCase() && word !== lower;
    const capitalised = startsUpper(word);
    out.push({ key: lower, salient: acronym || (content && capitalised && !sentenceStart), content, acronym, capitalised });
  }
  return out;
}

const MAGNITUDES = new Set([100, 1000, 1e6, 1e9]);

/**
 * A number word joined to the cardinal number words just before it ("two hundred" = 200, "twenty-five" = 25,
 * "three hundred and ten" = 310, "twenty-first" = 21): the run's value and the index of its first token, or
 * null when the word starts a figure of its own. Read word by word, "two hundred" was 2 and a magnitude, so a
 * candidate's "200" missed the reference's figure, and "a hundred-run stand" → "95-run stand" changed none.
 */
function numberRun(out: readonly WordToken[], runOf: ReadonlyMap<number, number>, value: number, gap: string): { value: number; from: number } | null {
  if (!/^[\s-]*$/.test(gap)) return null;
  let from = out.length - 1;
  // "hundred and ten": the "and" sits between the hundreds and the rest.
  if (from >= 1 && out[from]!.key === 'and' && value < 100 && (runOf.get(from - 1) ?? 0) % 100 === 0) from--;
  const prev = runOf.get(from);
  if (prev === undefined || prev === 0) return null;
  if (from < out.length - 1 && prev < 100) return null;
  if (MAGNITUDES.has(value)) return prev < value ? { value: prev * value, from } : null;
  const free = prev % 100; // what the tens and units of the run so far leave open
  if (value < 10 && (free === 0 ? prev >= 100 : free >= 20 && free % 10 === 0)) return { value: prev + value, from };
  if (value < 100 && free === 0 && prev >= 100) return { value: prev + value, from };
  return null;
}

const porter = (model as unknown as { addons: { stem: (w: string) => string } }).addons.stem;
const stemCache = new Map<string, string>();

/**
 * Content words compare by their Porter stem cut to six letters: "signed"/"sign", "agreed"/"agree",
 * "administered"/"administration" are one word, "Chinese"/"China" are not.
 */
export function stemKey(key: string): string {
  let s = stemCache.get(key);
  if (s === undefined) {
    s = [...(/^[a-z]+$/.test(key) ? porter(key) : key)].slice(0, 6).join('');
    if (stemCache.size >= 100_000) stemCache.clear();
    stemCache.set(key, s);
  }
  return s;
}

/**
 * What the candidate lacks of the reference: its content words (by stem) and its names and numbers (by word
 * or value), each occurrence counted once, matched against all of the candidate's words whatever their role
 * (a name that opens a candidate sentence is still there). An acronym and its expansion stand for each other
 * in either direction ("UAE" / "United Arab Emirates", "vehicle identification number" / "VIN"): translators
 * write one for the other, and DEMETR's removed and replaced entities were often written the other way.
 * Also counted: reference content words present only in another inflection (a name or number excepted), and
 * the tense, aspect and mood words the two sides do not share, and the candidate's holes (`holesIn`).
 */
export function missingWords(reference: string, candidate: string): MissingWords {
  const refText = analysed(reference);
  const candText = analysed(candidate);
  const ref = refText.tokens;
  const cand = candText.tokens;
  const candKeys = countOf(cand.map((t) => t.key));
  const candStems = countOf(cand.map((t) => stemKey(t.key)));
  const present = expansionMatches(ref, cand, candKeys);
  const candForms = countOf(cand.filter((t) => t.content).map((t) => t.key));
  let contentWords = 0;
  let namesNumbers = 0;
  let otherForms = 0;
  ref.forEach((t, i) => {
    if (present.has(i)) return;
    if (t.content) {
      if (!take(candStems, stemKey(t.key))) contentWords++;
      else if (!t.salient && !take(candForms, t.key)) otherForms++;
    }
    if (t.salient && !take(candKeys, t.key)) namesNumbers++;
  });
  const refGrammar = refText.grammar;
  const candGrammar = candText.grammar;
  let grammarWords = 0;
  for (const k of new Set([...refGrammar.keys(), ...candGrammar.keys()])) grammarWords += Math.abs((refGrammar.get(k) ?? 0) - (candGrammar.get(k) ?? 0));
  return { contentWords, namesNumbers, grammarWords, otherForms, holes: Math.max(0, candText.holes - refText.holes) };
}

/** What `missingWords` reads of one text; only read, never changed. */
interface TextWords {
  tokens: readonly WordToken[];
  grammar: ReadonlyMap<string, number>;
  holes: number;
}

const textWordsCache = new Map<string, TextWords>();

/**
 * The words of a text, remembered per text: a batch audits many candidates against one original, so each
 * reference sentence is read once rather than once per pair; reading words was ~2 ms of a pair's ~15 ms
 * (cpu-prof of a 600-pair batch). At most 4096 texts: 20,000 held ~190 MB more in a 2000-pair batch.
 */
function analysed(text: string): TextWords {
  let t = textWordsCache.get(text);
  if (t === undefined) {
    t = { tokens: wordTokens(text), grammar: grammarWordsOf(text), holes: holesIn(text) };
    if (textWordsCache.size >= 4096) textWordsCache.clear();
    textWordsCache.set(text, t);
  }
  return t;
}

/**
 * Word pairs English grammar does not allow, left where a word was removed (part 5 of drift): an article
 * right before a preposition, an auxiliary, a conjunction, another article or punctuation ("the of", "The
 * is", "a ,"); a preposition right before punctuation or another preposition ("in , Norwich", "to after");
 * a statement (no question mark) that opens with an auxiliary ("Was destroyed by…"). Nouns that look like
 * auxiliaries ("the will", "a must", "the being") and hyphenated compounds ("the in-laws") are left alone;
 * a preposition before a full stop ends many a correct sentence ("what it led to."), so only a spaced stop
 * counts there.
 */
const HOLES = [
  /\b(?:the|an?)\s+(?:(?:of|in|on|at|by|for|with|from|to|into|is|are|was|were|has|have|had|did|does|been|and|or|but|that|which|the|an?)\b(?!-)|[,.;:!?)])/gi,
  /\b(?:of|to|from|with|by|at|in|on|for|into|about)(?:\s*[,;:]|\s+\.|\s+(?:of|to|from|with|by|at|in|on|for|into|after|before)\b(?!-))/gi,
  /(?:^|[.!]\s+)(?:is|are|was|were|has|have|had)\s+(?![^.!?]*\?)/gi,
];

export function holesIn(text: string): number {
  let n = 0;
  for (const re of HOLES) n += text.match(re)?.length ?? 0;
  return n;
}

/** Words that may sit inside an expansion without giving a letter: "Bureau *of* Investigation". */
const EXPANSION_CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'de', '&']);

/**
 * Reference token indices that an acronym ↔ expansion pair accounts for: a reference acronym the candidate
 * only spells out, and the words of a reference expansion the candidate only abbreviates. Two-letter
 * acronyms need capitalised words (else "EU" would match "each user").
 */
function expansionMatches(ref: readonly WordToken[], cand: readonly WordToken[], candKeys: ReadonlyMap<string, number>): Set<number> {
  const present = new Set<number>();
  ref.forEach((t, i) => {
    if (t.acronym && !candKeys.has(t.key) && /^\p{L}{2,8}$/u.test(t.key) && expansionAt(cand, t.key) !== null) present.add(i);
  });
  for (const a of new Set(cand.filter((t) => t.acronym && /^\p{L}{2,8}$/u.test(t.key)).map((t) => t.key))) {
    for (let i = 0; i < ref.length; i++) {
      const end = expansionFrom(ref, i, a);
      if (end === null) continue;
      for (let k = i; k < end; k++) present.add(k);
      i = end - 1;
    }
  }
  return present;
}

/** Start of the first run of `tokens` spelling `letters`, or null. */
function expansionAt(tokens: readonly WordToken[], letters: string): number | null {
  for (let i = 0; i < tokens.length; i++) if (expansionFrom(tokens, i, letters) !== null) return i;
  return null;
}

/** End (exclusive) of a run starting at `i` whose words' initials spell `letters`, or null. */
function expansionFrom(tokens: readonly WordToken[], i: number, letters: string): number | null {
  const chars = [...letters];
  let k = 0;
  let j = i;
  while (j < tokens.length && k < chars.length) {
    const t = tokens[j]!;
    if (k > 0 && EXPANSION_CONNECTORS.has(t.key)) {
      j++;
      continue;
    }
    if (!t.content || t.acronym || [...t.key][0] !== chars[k] || (chars.length === 2 && !t.capitalised)) return null;
    k++;
    j++;
  }
  return k === chars.length ? j : null;
}

function countOf(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function take(counts: Map<string, number>, key: string): boolean {
  const n = counts.get(key) ?? 0;
  if (n === 0) return false;
  counts.set(key, n - 1);
  return true;
}

// --- rounding ------------------------------------------------------------------------------------------------

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 1;
}

/** Reports carry 4 decimals for scores: enough to rank, and stable across platforms' last-bit float differences. */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * Drift carries 6 decimals: one changed character in a long sentence moves chrF by a few hundredths of a
 * point, and at 4 decimals such changes rounded into ties (0.1 % of DEMETR items).
 */
export function roundDrift(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
