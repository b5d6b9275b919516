/**
 * `checkEntities`: find the entities of the reference in the candidate and report what a careful reviewer
 * would: misspelled, mistranslated, corrupted, replaced, dropped or changed names, titles, numbers and dates,
 * and names the candidate made up.
 *
 * Search order per entity (robust to imperfect alignment): the aligned candidate sentence(s), then their
 * neighbours, then the whole candidate. Exact and harmless-variant matches are taken first over all
 * entities, so a garbled form is only ever paired with what is left over; a candidate token serves one
 * reference mention in the aligned sentence.
 */
import type { AlignmentLink, Finding, SegmentedDoc, Severity, Span } from '../types.js';
import { COMPOUND_SUFFIXES, extractEntities, isAcronymToken, type Entity } from './extract.js';
import { FUNCTION_WORDS, MAX_COUNTRY_WORDS, MONTHS, TITLE_WORDS, countryGroup, countryGroupOfWord, isEnglishWord, normalizeWord } from './lexicon.js';
import { tooFarApart } from './similarity.js';
import { comparableNumbers, extractNumbers, numberKey, sameNumber, type NumberMention } from './numbers.js';
import { RULE, ruleMeta, type EntityRuleId } from './rules.js';
import { onInternReset, resetInternIfLarge, tokenizeDoc, type Token, type TokenizedDoc } from './tokens.js';
import { alignWords, countryOfWords, isClose, isConnector, matchWord, normHasNumeral, similarityOf, stem, type WordOp } from './words.js';
import { LruCache } from '../lru.js';

/** Protected terms: each must appear in the candidate verbatim or as one of its allowed variants. */
export interface Glossary {
  terms: Array<{ term: string; variants?: string[] }>;
}

export interface CheckInput {
  reference: SegmentedDoc;
  candidate: SegmentedDoc;
  links: AlignmentLink[];
  glossary?: Glossary;
}

/** A place in the candidate: token range (inclusive). */
interface CandRange {
  first: number;
  last: number;
}

type Status = 'open' | 'ok' | 'reported';

interface State {
  ref: TokenizedDoc;
  cand: TokenizedDoc;
  /** Word tokens of each candidate sentence. */
  candWords: Token[][];
  /** Token index → position among its sentence's words. */
  wordPos: Int32Array;
  /** Candidate token index → 1 once an entity (or an inserted name) claimed it. */
  consumed: Uint8Array;
  /** Reference sentence index → aligned candidate sentence indices. */
  s0: number[][];
  /** Reference sentence index → neighbouring candidate sentence indices (not in s0). */
  s1: number[][];
  status: Map<number, Status>;
  /** Where each entity was found in the candidate (for linked acronym/expansion decisions). */
  found: Map<number, CandRange>;
  findings: Finding[];
  /** Reference ranges covered by glossary findings: entity findings there are not repeated. */
  glossaryRanges: [number, number][];
  /** Reference sentence index → the candidate sentence where its text is expected (aligned or interpolated). */
  expected: number[];
  /** Reference sentence index → word tokens of its entities, for keeping one entity's window off another's garble. */
  entityWords: Map<number, { id: number; t: Token }[]>;
  /** Reference sentence index → word diff against its aligned candidate text (null: too long to diff). */
  diffs: Map<number, SentenceDiff | null>;
  /** (reference word id, candidate sentence) → positions of the words matching it (see `matchPositions`). */
  matchPosCache: Map<number, number[]>;
  /** Per candidate sentence, lazily: does it use capitals beyond its first word? */
  capsCache: (boolean | undefined)[];
  /** Per candidate sentence, lazily: clause number of each word (see `segmentsOf`). */
  segmentCache: (number[] | undefined)[];
  /** Per candidate sentence, lazily: country groups of multi-word forms starting at each word position. */
  multiGroupCache: (Map<number, number[]> | undefined)[];
  /** Every candidate sentence index, lazily (see `allSentences`). */
  allScope?: number[];
  /** The names, acronyms and titles searched for (nested ones left out), set once extracted. */
  todo: Entity[];
  /** Candidate token index → entities of `todo` with a verbatim occurrence covering it (lazily, see `verbatimOwners`). */
  owners?: Map<number, number[]>;
  /** Per candidate sentence, lazily: country/organisation forms as (word position, length, group). */
  countryCache: ({ p: number; len: number; g: number }[] | undefined)[];
}

function countryMentions(st: State, si: number): { p: number; len: number; g: number }[] {
  let list = st.countryCache[si];
  if (list) return list;
  list = [];
  const words = st.candWords[si]!;
  for (let p = 0; p < words.length; p++) {
    if (countryGroupOfWord(words[p]!.norm) === undefined && !MULTI_FIRST.has(words[p]!.norm)) continue;
    for (let len = Math.min(MAX_COUNTRY_WORDS, words.length - p); len >= 1; len--) {
      const g = countryOfWords(words.slice(p, p + len));
      if (g !== undefined) list.push({ p, len, g });
    }
  }
  st.countryCache[si] = list;
  return list;
}

/**
 * The reference side of the checks (its tokens and entities) depends on the reference alone, and a batch
 * audits many candidates against one official text (the corpus manifest audits 001 and 002 against 000; the
 * batch bench 10k candidates against 5 originals), so the last few references' analyses are kept: tokenising
 * and extracting them was ~1.7 ms of a pair's ~14 ms. Keyed by the text and the sentence spans; bounded in
 * entries and characters; emptied with the intern table, whose ids the tokens carry. The checks only read them.
 */
const referenceCache = new LruCache<{ ref: TokenizedDoc; entities: Entity[] }>(8, 2_000_000);
onInternReset(() => referenceCache.clear());

function referenceSide(doc: SegmentedDoc): { ref: TokenizedDoc; entities: Entity[] } {
  let spans = '';
  for (const s of doc.sentences) spans += `${s.id} ${s.start} ${s.end} ${s.boilerplate ? 1 : 0}\n`;
  return referenceCache.getOrMake(`${spans}\u0000${doc.text}`, () => {
    const ref = tokenizeDoc(doc);
    return { ref, entities: extractEntities(ref) };
  });
}

/** First words of multi-word forms that are not forms on their own ("united", "republic", "people's"). */
const MULTI_FIRST = new Set(['united', 'republic', 'democratic', 'people', 'peoples', 'soviet', 'european', 'south', 'north', 'new', 'great', 'saudi', 'sri', 'czech', 'latin', 'washington']);

export function checkEntities(input: CheckInput): Finding[] {
  validate(input);
  resetInternIfLarge();
  const { ref, entities } = referenceSide(input.reference);
  const cand = tokenizeDoc(input.candidate);
  const st = initState(ref, cand, input.links);

  if (input.glossary) checkGlossary(st, input.glossary);

  for (const e of entities) {
    if (e.type === 'number') continue;
    let list = st.entityWords.get(e.sent);
    if (!list) st.entityWords.set(e.sent, (list = []));
    for (const t of e.words) list.push({ id: e.id, t });
  }
  const names = entities.filter((e) => e.type !== 'number');
  const numbers = entities.filter((e) => e.type === 'number');
  // Expansions first: they are the most specific names.
  const byPriority = [...names].sort((a, b) => prio(a) - prio(b) || a.start - b.start);

  // An acronym or name inside a defined expansion ("UN" in "UN Committee on …", "U.S." in "U.S. Geological
  // Survey") is judged as part of the expansion, word by word, not a second time on its own.
  const expansions = names.filter((e) => e.type === 'expansion');
  const nested = new Set(names.filter((e) => e.type !== 'expansion' && expansions.some((x) => x.sent === e.sent && x.first <= e.first && x.last >= e.last)).map((e) => e.id));
  const todo = byPriority.filter((e) => !nested.has(e.id));
  st.todo = todo;
  const multi = todo.filter((e) => e.words.length > 1 || e.type === 'title');
  const single = todo.filter((e) => !(e.words.length > 1 || e.type === 'title'));
  // Phase 1: exact matches in the aligned sentence(s), longer names first.
  for (const e of multi) exactInScope(st, e, st.s0[e.sent]!, true, false);
  // A multi-word name found verbatim next door keeps its words before single words can claim them.
  for (const e of multi) if (!st.status.get(e.id)) exactInScope(st, e, st.s1[e.sent]!, true, false);
  for (const e of single) exactInScope(st, e, st.s0[e.sent]!, true, false);
  // Phase 2: multi-word names and titles, word by word, among what is left (before single-word variants,
  // so "Korea" serves "Korea AeroSpace Administration" rather than a second "ROK").
  for (const e of multi) if (!st.status.get(e.id)) exactInScope(st, e, st.s0[e.sent]!, true, true) || fuzzyInScope(st, e, st.s0[e.sent]!);
  // Phase 3: single words: harmless variants, then garbled forms.
  for (const e of single) if (!st.status.get(e.id)) exactInScope(st, e, st.s0[e.sent]!, true, true);
  for (const e of single) if (!st.status.get(e.id)) fuzzyInScope(st, e, st.s0[e.sent]!);
  // Phase 4: neighbours, then the whole text, then report as dropped or replaced.
  for (const e of todo) if (!st.status.get(e.id)) fallback(st, e);

  checkNumbers(st, numbers);
  mergeLinked(st, entities);
  insertedNames(st, entities);

  const out = st.findings.filter((f) => !f.reference || !st.glossaryRanges.some(([a, b]) => f.rule !== RULE.glossary && f.reference!.start < b && f.reference!.end > a));
  return sortFindings(out);
}

/** Inputs are checked at the boundary: spans are only exact if the sentences agree with the text. */
function validate(input: CheckInput): void {
  for (const [side, doc] of [['reference', input.reference], ['candidate', input.candidate]] as const) {
    for (const s of doc.sentences) {
      if (doc.text.slice(s.start, s.end) !== s.text) {
        throw new Error(`checks: ${side} sentence ${s.id} (${s.start}–${s.end}) does not match the document text at its offsets; pass the SegmentedDoc that segmentDocument() produced for this text`);
      }
    }
  }
  const refIds = new Set(input.reference.sentences.map((s) => s.id));
  const candIds = new Set(input.candidate.sentences.map((s) => s.id));
  for (const l of input.links) {
    for (const id of l.ref) if (!refIds.has(id)) throw new Error(`checks: a link names reference sentence ${id}, which the reference does not have; pass the links align() produced for these two documents`);
    for (const id of l.cand) if (!candIds.has(id)) throw new Error(`checks: a link names candidate sentence ${id}, which the candidate does not have; pass the links align() produced for these two documents`);
  }
}

function prio(e: Entity): number {
  return e.type === 'expansion' ? 0 : e.words.length > 1 ? 1 : 2;
}

/** Largest gap of unlinked candidate sentences searched as the neighbours of an unlinked reference sentence. */
const MAX_GAP = 6;

function initState(ref: TokenizedDoc, cand: TokenizedDoc, links: AlignmentLink[]): State {
  const candWords: Token[][] = cand.sentences.map((s) => {
    const w: Token[] = [];
    for (let i = s.first; i < s.last; i++) if (cand.tokens[i]!.word) w.push(cand.tokens[i]!);
    return w;
  });
  const wordPos = new Int32Array(cand.tokens.length).fill(-1);
  candWords.forEach((ws) => ws.forEach((t, p) => (wordPos[t.index] = p)));
  const s0: number[][] = ref.sentences.map(() => []);
  for (const l of links) {
    const cs = l.cand.map((id) => cand.sentenceIndex.get(id)).filter((x): x is number => x !== undefined);
    for (const id of l.ref) {
      const ri = ref.sentenceIndex.get(id);
      if (ri === undefined) continue;
      for (const c of cs) if (!s0[ri]!.includes(c)) s0[ri]!.push(c);
    }
  }
  for (const list of s0) list.sort((a, b) => a - b);
  // Nearest linked candidate sentence before and after each reference sentence: an unlinked reference
  // sentence (1-0) is expected in the gap between them, where the aligner may have left its garbled
  // rendering unlinked too (0-1).
  const prevMax: number[] = [];
  const nextMin: number[] = [];
  let pm = -1;
  for (let ri = 0; ri < ref.sentences.length; ri++) {
    prevMax.push(pm);
    for (const c of s0[ri]!) pm = Math.max(pm, c);
  }
  let nm = cand.sentences.length;
  for (let ri = ref.sentences.length - 1; ri >= 0; ri--) {
    nextMin[ri] = nm;
    for (const c of s0[ri]!) nm = Math.min(nm, c);
  }
  const s1: number[][] = ref.sentences.map((_, ri) => {
    const set = new Set<number>();
    for (const c of s0[ri]!) {
      set.add(c - 1);
      set.add(c + 1);
    }
    for (const d of [-2, -1, 1, 2]) for (const c of s0[ri + d] ?? []) set.add(c);
    if (!s0[ri]!.length && nextMin[ri]! - prevMax[ri]! - 1 <= MAX_GAP) for (let c = prevMax[ri]! + 1; c < nextMin[ri]!; c++) set.add(c);
    return [...set].filter((c) => c >= 0 && c < cand.sentences.length && !s0[ri]!.includes(c)).sort((a, b) => a - b);
  });
  const expected: number[] = [];
  let last = 0;
  ref.sentences.forEach((_, ri) => {
    if (s0[ri]!.length) last = s0[ri]![0]!;
    expected.push(last);
    if (s0[ri]!.length) last = s0[ri]![s0[ri]!.length - 1]! + 1;
  });
  return { ref, cand, candWords, wordPos, consumed: new Uint8Array(cand.tokens.length), s0, s1, status: new Map(), found: new Map(), findings: [], glossaryRanges: [], countryCache: [], matchPosCache: new Map(), capsCache: [], segmentCache: [], multiGroupCache: [], diffs: new Map(), expected, entityWords: new Map(), todo: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Spans and findings

function refSpan(st: State, first: number, last: number): Span {
  const a = st.ref.tokens[first]!;
  const b = st.ref.tokens[last]!;
  return { text: st.ref.text.slice(a.start, b.end), sentence: st.ref.sentences[a.sent]!.id, start: a.start, end: b.end };
}

function candSpan(st: State, first: number, last: number): Span {
  const a = st.cand.tokens[first]!;
  const b = st.cand.tokens[last]!;
  return { text: st.cand.text.slice(a.start, b.end), sentence: st.cand.sentences[a.sent]!.id, start: a.start, end: b.end };
}

function report(st: State, rule: EntityRuleId, severity: Severity | undefined, message: string, reference: Span | null, candidate: Span | null, evidence: Record<string, unknown>): Finding {
  const meta = ruleMeta(rule);
  const f: Finding = { rule, kind: meta.kind, severity: severity ?? meta.defaultSeverity, message, reference, candidate, evidence };
  st.findings.push(f);
  return f;
}

function consume(st: State, r: CandRange, _by: string): void {
  for (let i = r.first; i <= r.last; i++) st.consumed[i] = 1;
}

function isFree(st: State, i: number, _forType?: string): boolean {
  return st.consumed[i] === 0;
}

function q(s: string): string {
  return `“${s}”`;
}

// ---------------------------------------------------------------------------------------------------------
// Phase 1: exact and variant matches

/** Find the entity's words as a consecutive run of free candidate words in the scope sentences. */
function findExact(st: State, e: Entity, scope: number[], requireFree: boolean): CandRange | undefined {
  const w0 = e.words[0];
  if (!w0 || !scope.length) return undefined;
  const occurrences = st.cand.byNorm.get(w0.norm);
  if (!occurrences) return undefined;
  const wide = scope.length > 3;
  const inScope = scopeTest(st, scope);
  // Span of a narrow scope, for the relative place of an occurrence in it.
  let a = Infinity;
  let b = -Infinity;
  if (!wide) {
    for (const si of scope) {
      a = Math.min(a, st.cand.sentences[si]!.start);
      b = Math.max(b, st.cand.sentences[si]!.end);
    }
  }
  // Among several occurrences, the one at about the same relative place wins: "Korea-U.S. cooperation" at
  // the end of the sentence is not the "Korea" of "Korea Aerospace Administration" at its start.
  const target = relPos(st.ref, e.sent, e.start);
  const refBefore = st.ref.tokens[e.first - 1];
  const refAfter = st.ref.tokens[e.last + 1];
  let best: CandRange | undefined;
  let bestD = Infinity;
  const n = e.words.length;
  for (const idx of occurrences) {
    const t = st.cand.tokens[idx]!;
    if (!inScope(t.sent)) continue;
    let words = st.candWords[t.sent]!;
    let p = st.wordPos[idx]!;
    let si = t.sent;
    let ok = true;
    let last = idx;
    for (let k = 0; k < n; k++, p++) {
      // A sentence cut in mid-text (an over-long run split at a space) does not end the name.
      if (p >= words.length) {
        if (!cutInMidText(st, si)) {
          ok = false;
          break;
        }
        words = st.candWords[++si]!;
        p = 0;
      }
      const c = words[p]!;
      if (c.id !== e.words[k]!.id || (requireFree && st.consumed[c.index] !== 0)) {
        ok = false;
        break;
      }
      last = c.index;
    }
    if (!ok) continue;
    // Beyond the aligned sentences, the occurrence nearest to where the text should be wins.
    const rel = wide ? wideRelPos(st, inScope, t) : b > a ? (t.start - a) / (b - a) : 0;
    // The words on either side agreeing with the reference's outweigh the relative place, which means little
    // when a link joins several sentences or a copy without sentence capitals was cut into a few long
    // "sentences": "the Korea Coast." is the "Korea Coast" followed by a full stop, not the one in "Korea
    // Coast Guard" further on.
    const context = (sameToken(refBefore, st.cand.tokens[idx - 1]) ? 1 : 0) + (sameToken(refAfter, st.cand.tokens[last + 1]) ? 1 : 0);
    const d = (wide ? Math.abs(t.sent - st.expected[e.sent]!) : 0) + Math.abs(rel - target) - CONTEXT_WEIGHT * context;
    if (d < bestD) {
      bestD = d;
      best = { first: idx, last };
    }
  }
  return best;
}

/**
 * Does candidate sentence `si` run on into the next one without a break: it ends in a word, and only spaces
 * (no line break) separate it from the next sentence, which starts with a word? The segmenter splits an
 * over-long run (a copy without sentence capitals) at a space, wherever that falls.
 */
function cutInMidText(st: State, si: number): boolean {
  const s = st.cand.sentences[si];
  const n = st.cand.sentences[si + 1];
  if (!s || !n || s.last <= s.first || n.last <= n.first || !st.candWords[si + 1]!.length) return false;
  const end = st.cand.tokens[s.last - 1]!;
  const next = st.cand.tokens[n.first]!;
  if (!end.word || !next.word) return false;
  for (let i = end.end; i < next.start; i++) if (st.cand.text.charCodeAt(i) !== 32) return false;
  return true;
}

/** Weight of each neighbouring token that agrees with the reference, against the relative place (0–1). */
const CONTEXT_WEIGHT = 1;

/** Same token on both sides (word by interned id, punctuation by text); two document edges agree. */
function sameToken(a: Token | undefined, b: Token | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.word ? b.word && a.id === b.id : !b.word && a.text === b.text;
}

/** Membership test for a scope (sorted candidate sentence indices): includes for a few, a set for more. */
function scopeTest(st: State, scope: number[]): (si: number) => boolean {
  if (scope.length <= 4) return (si) => scope.includes(si);
  if (scope.length === st.cand.sentences.length) return () => true;
  const set = new Set(scope);
  return (si) => set.has(si);
}

/**
 * `scopeRelPos` for a wide scope, without walking it: the first scope sentence (in order) that contains the
 * token's offset, which is its own sentence unless an earlier one ends exactly there.
 */
function wideRelPos(st: State, inScope: (si: number) => boolean, t: Token): number {
  let pick = t.sent;
  for (let si = t.sent - 1; si >= 0; si--) {
    const s = st.cand.sentences[si]!;
    if (!(t.start >= s.start && t.start <= s.end)) break;
    if (inScope(si)) pick = si;
  }
  return relPos(st.cand, pick, t.start);
}

/** Relative position of a candidate offset within the span of the scope sentences (0–1). */
function scopeRelPos(st: State, scope: number[], offset: number): number {
  let a = Infinity;
  let b = -Infinity;
  for (const si of scope) {
    const s = st.cand.sentences[si]!;
    if (offset >= s.start && offset <= s.end && scope.length > 3) return relPos(st.cand, si, offset);
    a = Math.min(a, s.start);
    b = Math.max(b, s.end);
  }
  return b > a ? (offset - a) / (b - a) : 0;
}

/** Country/organisation variants: "U.S." ↔ "United States" ↔ "American", "UN" ↔ "United Nations". */
function findVariant(st: State, e: Entity, scope: number[], requireFree: boolean): CandRange | undefined {
  if (e.words.length > MAX_COUNTRY_WORDS) return undefined;
  const g = countryGroup(e.words.map((w) => w.norm));
  if (g === undefined) return undefined;
  const order = scope.length > 3 ? [...scope].sort((a, b) => Math.abs(a - st.expected[e.sent]!) - Math.abs(b - st.expected[e.sent]!) || a - b) : scope;
  for (const si of order) {
    const words = st.candWords[si]!;
    for (const m of countryMentions(st, si)) {
      if (m.g !== g) continue;
      const slice = words.slice(m.p, m.p + m.len);
      if (requireFree && slice.some((w) => !isFree(st, w.index, e.type))) continue;
      return { first: slice[0]!.index, last: slice[m.len - 1]!.index };
    }
  }
  return undefined;
}

function exactInScope(st: State, e: Entity, scope: number[], consumeIt: boolean, variants: boolean): boolean {
  const r = findExact(st, e, scope, consumeIt) ?? (variants ? findVariant(st, e, scope, consumeIt) : undefined);
  if (!r) return false;
  if (consumeIt) consume(st, r, e.type);
  st.found.set(e.id, r);
  st.status.set(e.id, 'ok');
  caseCheck(st, e, r);
  return true;
}

/** Same words, different capitals (and capitals mean something on both sides): a minor finding. */
function caseCheck(st: State, e: Entity, r: CandRange): void {
  const cw: Token[] = [];
  for (let i = r.first; i <= r.last; i++) if (st.cand.tokens[i]!.word) cw.push(st.cand.tokens[i]!);
  if (cw.length !== e.words.length || cw.some((c, k) => c.norm !== e.words[k]!.norm)) return; // a variant, not the same words
  if (st.ref.sentences[e.sent]!.titleCase || st.cand.sentences[cw[0]!.sent]!.titleCase) return;
  const diffs: [string, string][] = [];
  e.words.forEach((w, k) => {
    const c = cw[k]!;
    if (isConnector(w)) return;
    const a = w.text.replace(/\./g, '');
    const b = c.text.replace(/\./g, '');
    if (a === b) return;
    // A capital gained at the start of a candidate sentence is grammar, not a change.
    if (c.initial && a.slice(1) === b.slice(1)) return;
    diffs.push([w.text, c.text]);
  });
  if (!diffs.length) return;
  report(st, RULE.caseOnly, undefined, `${q(e.text)} appears as ${q(candSpan(st, r.first, r.last).text)}: same words, different capitalisation (${diffs.map(([a, b]) => `${a} → ${b}`).join(', ')}).`, refSpan(st, e.first, e.last), candSpan(st, r.first, r.last), {
    expected: e.text,
    actual: candSpan(st, r.first, r.last).text,
    words: diffs,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Phase 2: garbled forms in the aligned sentence(s)

function fuzzyInScope(st: State, e: Entity, scope: number[]): boolean {
  if (!scope.length) return false;
  if (e.type === 'title') return titleInScope(st, e, scope);
  const content = e.words.filter((w) => !isConnector(w));
  if (content.length === 1 && e.words.length === 1) return singleWordFuzzy(st, e, scope);
  return windowFuzzy(st, e, scope);
}

/** Candidate tokens that could stand for a name: words with letters, not function words, not taken. */
function freeNameTokens(st: State, scope: number[], forType: string): Token[] {
  const out: Token[] = [];
  for (const si of scope) for (const t of st.candWords[si]!) if (isFree(st, t.index, forType) && t.letter && !FUNCTION_WORDS.has(t.norm)) out.push(t);
  return out;
}

function singleWordFuzzy(st: State, e: Entity, scope: number[]): boolean {
  const w = e.words[0]!;
  if (/\p{N}/u.test(w.norm) && !/\p{L}/u.test(w.norm)) return false;
  let best: { t: Token; jw: number } | undefined;
  const wHead = givenNameHead(st.ref.tokens, w.index);
  const wNum = normHasNumeral(w);
  for (const t of freeNameTokens(st, scope, e.type)) {
    if (w.cap && !t.cap && hasCapitals(st, t.sent)) continue; // a lower-case word in a cased text is not the name
    // "Min" of "Han Min-young" is a syllable of a given name, not a word that could be "Moon".
    if (!wHead && givenNameHead(st.cand.tokens, t.index)) continue;
    if (normHasNumeral(t) !== wNum) continue;
    if (!isClose(w, t)) continue;
    const sim = similarityOf(w, t);
    if (matchWord(w, t) === 'variant') {
      best = { t, jw: 2 };
      break;
    }
    if (!best || sim.jaroWinkler > best.jw) best = { t, jw: sim.jaroWinkler };
  }
  if (!best) return false;
  const t = best.t;
  if (best.jw !== 2 && preferVerbatim(st, e, t.index, t.index)) return true;
  const r = { first: t.index, last: t.index };
  consume(st, r, e.type);
  st.found.set(e.id, r);
  if (matchWord(w, t) === 'variant') {
    st.status.set(e.id, 'ok'); // inflection or spelling convention only ("Accords" / "Accord", "Harbour" / "Harbor")
    return true;
  }
  st.status.set(e.id, 'reported');
  const sim = similarityOf(w, t);
  const evidence = { expected: w.text, actual: t.text, jaroWinkler: sim.jaroWinkler, editDistance: sim.editDistance, phoneticKeys: sim.phoneticKeys };
  if (isDictionaryRendering(w, t)) {
    report(st, RULE.mistranslated, undefined, `${q(w.text)} was rendered as the ordinary word ${q(t.text)}, which names something else.`, refSpan(st, e.first, e.last), candSpan(st, t.index, t.index), { ...evidence, dictionaryWord: t.norm });
  } else {
    report(st, RULE.misspelling, undefined, `${q(w.text)} is misspelled as ${q(t.text)} (Jaro-Winkler ${sim.jaroWinkler}, edit distance ${sim.editDistance}).`, refSpan(st, e.first, e.last), candSpan(st, t.index, t.index), evidence);
  }
  return true;
}

/**
 * A look-alike reading that lies on the verbatim occurrence of another reference entity still being looked
 * for, while this entity is there verbatim elsewhere, unclaimed: the link is what is wrong (a copy without
 * sentence capitals is cut into a few long "sentences" that the aligner pairs loosely), not the spelling.
 * The verbatim occurrence is taken (true); otherwise nothing happens (false).
 */
function preferVerbatim(st: State, e: Entity, first: number, last: number): boolean {
  const owners = verbatimOwners(st);
  let other = false;
  for (let i = first; i <= last && !other; i++) {
    for (const id of owners.get(i) ?? []) {
      if (id !== e.id && !st.status.get(id)) {
        other = true;
        break;
      }
    }
  }
  return other && exactInScope(st, e, allSentences(st), true, false);
}

/** Candidate token → the entities whose verbatim occurrences (same words, any case) cover it; once per run. */
function verbatimOwners(st: State): Map<number, number[]> {
  if (st.owners) return st.owners;
  const owners = new Map<number, number[]>();
  for (const e of st.todo) {
    const n = e.words.length;
    for (const idx of st.cand.byNorm.get(e.words[0]!.norm) ?? []) {
      const words = st.candWords[st.cand.tokens[idx]!.sent]!;
      const p = st.wordPos[idx]!;
      if (p < 0 || p + n > words.length) continue;
      let k = 1;
      while (k < n && words[p + k]!.id === e.words[k]!.id) k++;
      if (k < n) continue;
      for (let i = idx; i <= words[p + n - 1]!.index; i++) {
        const list = owners.get(i);
        if (list) list.push(e.id);
        else owners.set(i, [e.id]);
      }
    }
  }
  return (st.owners = owners);
}

/** First syllable of a romanised hyphenated given name ("Min" in "Min-young"), read as extract.ts reads them. */
function givenNameHead(toks: Token[], i: number): boolean {
  const t = toks[i]!;
  const d = toks[i + 1];
  const n = toks[i + 2];
  return !!d && !!n && n.sent === t.sent && (d.text === '-' || d.text === '–') && d.glued && n.glued && t.text.length <= 5 && /^\p{Ll}{2,5}$/u.test(n.text) && !COMPOUND_SUFFIXES.has(n.text);
}

/** ROK → Rock: the candidate word is a common English word while the reference word is not. */
function isDictionaryRendering(w: Token, t: Token): boolean {
  if (!isEnglishWord(t.norm)) return false;
  if (countryGroupOfWord(t.norm) !== undefined) return false;
  return isAcronymToken(w) || !isEnglishWord(w.norm);
}

/** Does the candidate sentence use capitals beyond its first word (so case is informative)? */
function hasCapitals(st: State, si: number): boolean {
  let v = st.capsCache[si];
  if (v === undefined) st.capsCache[si] = v = st.candWords[si]!.some((t) => t.cap && !t.initial);
  return v;
}

interface Window {
  sent: number;
  /** Positions in the sentence's word list, inclusive. */
  a: number;
  b: number;
  matched: number;
  score: number;
}

/**
 * The stretch of candidate words that best covers a multi-word entity: anchors are free words that match
 * some entity word (exact, inflected or misspelled); the window with most distinct entity words within
 * (length + 3) words wins.
 */
function bestWindow(st: State, e: Entity, scope: number[]): Window | undefined {
  const content = e.words.filter((w) => !isConnector(w));
  const contentGroups = content.map((w) => countryGroupOfWord(w.norm) ?? -1);
  const maxSpan = e.words.length + 3;
  const covered = new Uint8Array(content.length);
  let best: Window | undefined;
  for (const si of scope) {
    const words = st.candWords[si]!;
    const multi = multiGroupsAt(st, si);
    const segment = segmentsOf(st, si);
    // Entity words each candidate word could stand for (k ascending, each once).
    const refsAt: (number[] | undefined)[] = [];
    for (let k = 0; k < content.length; k++) {
      for (const p of matchPositions(st, content[k]!, si)) (refsAt[p] ??= []).push(k);
      // Multi-word country forms starting here ("United Nations" for a reference "UN").
      if (contentGroups[k]! >= 0) {
        for (const [p, groups] of multi) {
          if (!groups.includes(contentGroups[k]!) || isConnector(words[p]!)) continue;
          const list = (refsAt[p] ??= []);
          if (list[list.length - 1] !== k) list.push(k);
        }
      }
    }
    const anchors: { p: number; refs: number[] }[] = [];
    for (let p = 0; p < refsAt.length; p++) {
      const refs = refsAt[p];
      if (refs && isFree(st, words[p]!.index, e.type)) anchors.push({ p, refs });
    }
    for (let x = 0; x < anchors.length; x++) {
      covered.fill(0);
      let matched = 0;
      for (let y = x; y < anchors.length && anchors[y]!.p - anchors[x]!.p < maxSpan && segment[anchors[y]!.p] === segment[anchors[x]!.p]; y++) {
        // One candidate word stands for one entity word: "area" is not both "Air"s of "Asian Air Air".
        for (const k of anchors[y]!.refs) {
          if (!covered[k]) {
            covered[k] = 1;
            matched++;
            break;
          }
        }
        const len = anchors[y]!.p - anchors[x]!.p + 1;
        // Words in between that match nothing cost a little: "system that completes the American Global" is
        // a worse reading of "Global Positioning System" than "Global" alone.
        const score = matched - 0.3 * Math.max(0, len - matched);
        if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && matched > best.matched)) best = { sent: si, a: anchors[x]!.p, b: anchors[y]!.p, matched, score };
      }
    }
  }
  return best;
}

/**
 * Positions of the candidate words of sentence `si` that match reference word `w` (exact, inflection,
 * spelling convention, country variant or misspelling; connectors never), cached per run: the entities of one
 * reference sentence share their words and their aligned sentences.
 */
function matchPositions(st: State, w: Token, si: number): number[] {
  const key = w.id * 1048576 + si;
  let list = st.matchPosCache.get(key);
  if (list) return list;
  list = [];
  const words = st.candWords[si]!;
  for (let p = 0; p < words.length; p++) {
    const c = words[p]!;
    if (!isConnector(c) && matchWord(w, c)) list.push(p);
  }
  st.matchPosCache.set(key, list);
  return list;
}

/** Word position → groups of the multi-word country/organisation forms starting there (cached per sentence). */
function multiGroupsAt(st: State, si: number): Map<number, number[]> {
  let map = st.multiGroupCache[si];
  if (map) return map;
  map = new Map();
  for (const m of countryMentions(st, si)) {
    if (m.len <= 1) continue;
    const list = map.get(m.p);
    if (list) list.push(m.g);
    else map.set(m.p, [m.g]);
  }
  st.multiGroupCache[si] = map;
  return map;
}

const CLAUSE_BREAKS = new Set([',', ';', ':', '(', ')', '[', ']', '“', '”', '"', '«', '»']);

/**
 * Per word of a candidate sentence, the number of clause breaks (, ; : brackets, quotes) before it: a name
 * does not straddle them, so a window must not either ("a new field, including space" is not "New Space").
 * Cached per sentence.
 */
function segmentsOf(st: State, si: number): number[] {
  const cached = st.segmentCache[si];
  if (cached) return cached;
  const words = st.candWords[si]!;
  const out: number[] = [];
  let seg = 0;
  for (let p = 0; p < words.length; p++) {
    if (p > 0) for (let i = words[p - 1]!.index + 1; i < words[p]!.index; i++) if (CLAUSE_BREAKS.has(st.cand.tokens[i]!.text)) seg++;
    out.push(seg);
  }
  st.segmentCache[si] = out;
  return out;
}

function windowFuzzy(st: State, e: Entity, scope: number[]): boolean {
  const content = e.words.filter((w) => !isConnector(w));
  const win = bestWindow(st, e, scope);
  if (!win) return false;
  // Enough of the name must be there to say "this is the same name, corrupted" rather than "gone".
  const words = st.candWords[win.sent]!;
  let a = win.a;
  let b = win.b;
  let ops = alignWords(e.words, words.slice(a, b + 1));
  if (win.matched < Math.min(2, content.length) || win.matched / content.length < 0.5) {
    // A two-word name with one word kept and a capitalised word right where the other was: "John Lee" →
    // "John Li", "New Space" → "New Universe". Anything less is not enough to call it the same name.
    if (!(content.length === 2 && win.matched === 1 && a === b)) return false;
    const lead = countEdgeLost(ops, 'start');
    const trail = countEdgeLost(ops, 'end');
    const ok = (p: number) => {
      const t = words[p];
      return !!t && isFree(st, t.index, e.type) && t.cap && t.letter && !FUNCTION_WORDS.has(t.norm) && !TITLE_WORDS.has(t.norm) && !t.initial;
    };
    if (trail === 1 && ok(b + 1) && adjacentInText(st, words[b]!, words[b + 1]!)) b++;
    else if (lead === 1 && ok(a - 1) && adjacentInText(st, words[a - 1]!, words[a]!)) a--;
    else return false;
    ops = alignWords(e.words, words.slice(a, b + 1));
    const r = { first: words[a]!.index, last: words[b]!.index };
    if (preferVerbatim(st, e, r.first, r.last)) return true;
    consume(st, r, e.type);
    st.found.set(e.id, r);
    reportWordOps(st, e, r, ops, 'name');
    return true;
  }
  // Extend over replaced words at the edges: "Korea Coast Guard" → "Korea Coast Force".
  const leadLost = countEdgeLost(ops, 'start');
  const trailLost = countEdgeLost(ops, 'end');
  const extendable = (p: number) => {
    const t = words[p];
    return !!t && isFree(st, t.index, e.type) && t.letter && !FUNCTION_WORDS.has(t.norm) && (t.cap || !hasCapitals(st, win.sent)) && !TITLE_WORDS.has(t.norm) && !t.initial && !belongsToOther(st, e, t);
  };
  // A lost country word at an edge may be there as a multi-word form ("UN" → "United Nations").
  const lostGroups = new Set(ops.filter((o) => o.op === 'lost').map((o) => (o as { r: Token }).r.norm).filter((x) => x.startsWith('#country')));
  const countryExt = (from: number, dir: -1 | 1): number => {
    for (let len = MAX_COUNTRY_WORDS; len >= 1; len--) {
      const lo = dir < 0 ? from - len + 1 : from;
      const hi = dir < 0 ? from : from + len - 1;
      if (lo < 0 || hi >= words.length) continue;
      const slice = words.slice(lo, hi + 1);
      if (slice.some((t) => !isFree(st, t.index, e.type))) continue;
      const g = countryOfWords(slice);
      if (g !== undefined && lostGroups.has(`#country${g}`)) return len;
    }
    return 0;
  };
  const cl = leadLost ? countryExt(a - 1, -1) : 0;
  if (cl) a -= cl;
  else for (let k = 0; k < leadLost && extendable(a - 1) && adjacentInText(st, words[a - 1]!, words[a]!); k++) a--;
  const cr = trailLost ? countryExt(b + 1, 1) : 0;
  if (cr) b += cr;
  else for (let k = 0; k < trailLost && extendable(b + 1) && adjacentInText(st, words[b]!, words[b + 1]!); k++) b++;
  if (a !== win.a || b !== win.b) ops = alignWords(e.words, words.slice(a, b + 1));
  const r = { first: words[a]!.index, last: words[b]!.index };
  if (preferVerbatim(st, e, r.first, r.last)) return true;
  consume(st, r, e.type);
  st.found.set(e.id, r);
  reportWordOps(st, e, r, ops, 'name');
  return true;
}

/** Is `t` (a candidate word) another entity of the same reference sentence, exact or garbled ("Noa" for NOAA)? */
function belongsToOther(st: State, e: Entity, t: Token): boolean {
  for (const o of st.entityWords.get(e.sent) ?? []) {
    if (o.id === e.id || e.words.includes(o.t)) continue;
    if (o.t.id === t.id || (o.t.norm.length >= 3 && t.norm.length >= 3 && isClose(o.t, t))) return true;
  }
  return false;
}

/** Only punctuation-free spacing between two candidate words (no comma or bracket in between). */
function adjacentInText(st: State, x: Token, y: Token): boolean {
  const [p, n] = x.index < y.index ? [x, y] : [y, x];
  for (let i = p.index + 1; i < n.index; i++) if (!/^[-–’']$/.test(st.cand.tokens[i]!.text)) return false;
  return true;
}

function countEdgeLost(ops: WordOp[], edge: 'start' | 'end'): number {
  let n = 0;
  const seq = edge === 'start' ? ops : [...ops].reverse();
  for (const o of seq) {
    if (o.op === 'lost') n++;
    else break;
  }
  return n;
}

/**
 * Turn a word alignment into findings: misspelled words one by one; replaced or lost words as one
 * corrupted-name (or changed-title) finding; capitals only as one case finding.
 */
function reportWordOps(st: State, e: Entity, r: CandRange, ops: WordOp[], mode: 'name' | 'title'): void {
  const lost: string[] = [];
  const replaced: [string, string][] = [];
  const inserted: string[] = [];
  const misspelled: { r: Token; c: Token }[] = [];
  const caseDiff: [string, string][] = [];
  let dictionaryReplacement = false;
  for (const o of ops) {
    if (o.op === 'lost') lost.push(o.r.text);
    else if (o.op === 'inserted') inserted.push(o.c.text);
    else if (o.op === 'replaced') {
      replaced.push([o.r.map((t) => t.text).join(' '), o.c.map((t) => t.text).join(' ')]);
      if (o.r.length === 1 && o.c.length === 1 && isClose(o.r[0]!, o.c[0]!)) misspelled.push({ r: o.r[0]!, c: o.c[0]! });
      if (o.c.some((c) => isEnglishWord(c.norm))) dictionaryReplacement = true;
    } else if (o.op === 'close') misspelled.push({ r: o.r, c: o.c });
    else if (o.op === 'eq' && !isConnector(o.r) && sameLetters(o.r.text, o.c.text) && o.r.text.replace(/\./g, '') !== o.c.text.replace(/\./g, '') && !(o.c.initial && o.r.text.slice(1) === o.c.text.slice(1))) caseDiff.push([o.r.text, o.c.text]);
  }
  const refS = refSpan(st, e.first, e.last);
  const candS = candSpan(st, r.first, r.last);
  const realReplaced = replaced.filter(([a, b]) => !misspelled.some((m) => m.r.text === a && m.c.text === b));
  if (mode === 'title') {
    if (realReplaced.length || lost.length) {
      st.status.set(e.id, 'reported');
      const what = realReplaced.length ? realReplaced.map(([a, b]) => `${a} → ${b}`).join(', ') : `lost ${lost.join(', ')}`;
      report(st, RULE.title, undefined, `The title ${q(e.text)} became ${q(candS.text)} (${what}).`, refS, candS, { lost, replaced: realReplaced, inserted });
      return;
    }
  } else if (realReplaced.length || lost.length) {
    st.status.set(e.id, 'reported');
    const severity: Severity = realReplaced.length ? 'critical' : 'major';
    const parts: string[] = [];
    if (realReplaced.length) parts.push(`${realReplaced.map(([a, b]) => `${a} → ${b}`).join(', ')}`);
    if (lost.length) parts.push(`lost ${lost.join(', ')}`);
    if (inserted.length) parts.push(`inserted ${inserted.join(', ')}`);
    const consequence = realReplaced.length ? 'so it now names something else' : 'so the name is incomplete';
    report(st, RULE.expansion, severity, `${q(e.text)} became ${q(candS.text)} (${parts.join('; ')}), ${consequence}.`, refS, candS, {
      lost,
      replaced: realReplaced,
      inserted,
      misspelled: misspelled.map((m) => [m.r.text, m.c.text]),
      dictionaryReplacement,
    });
    return;
  }
  if (misspelled.length) {
    st.status.set(e.id, 'reported');
    for (const m of misspelled) {
      const sim = similarityOf(m.r, m.c);
      const ev = { expected: m.r.text, actual: m.c.text, jaroWinkler: sim.jaroWinkler, editDistance: sim.editDistance, phoneticKeys: sim.phoneticKeys, in: e.text };
      if (isDictionaryRendering(m.r, m.c)) report(st, RULE.mistranslated, undefined, `${q(m.r.text)} in ${q(e.text)} was rendered as the ordinary word ${q(m.c.text)}.`, refSpan(st, m.r.index, m.r.index), candSpan(st, m.c.index, m.c.index), { ...ev, dictionaryWord: m.c.norm });
      else report(st, RULE.misspelling, undefined, `${q(m.r.text)} in ${q(e.text)} is misspelled as ${q(m.c.text)} (Jaro-Winkler ${sim.jaroWinkler}, edit distance ${sim.editDistance}).`, refSpan(st, m.r.index, m.r.index), candSpan(st, m.c.index, m.c.index), ev);
    }
    return;
  }
  if (inserted.length && mode === 'name' && inserted.some((w) => /^\p{Lu}/u.test(w))) {
    st.status.set(e.id, 'reported');
    report(st, RULE.expansion, 'major', `${q(e.text)} became ${q(candS.text)} (inserted ${inserted.join(', ')}).`, refS, candS, { lost, replaced, inserted, misspelled: [] });
    return;
  }
  st.status.set(e.id, 'ok');
  if (caseDiff.length && !st.ref.sentences[e.sent]!.titleCase && !st.cand.sentences[st.cand.tokens[r.first]!.sent]!.titleCase) {
    report(st, RULE.caseOnly, undefined, `${q(e.text)} appears as ${q(candS.text)}: capitalisation changed (${caseDiff.map(([a, b]) => `${a} → ${b}`).join(', ')}).`, refS, candS, { expected: e.text, actual: candS.text, words: caseDiff });
  }
}

/** Same letters ignoring case and abbreviation dots ("U.S." and "US" yes; "U.S." and "American" no). */
function sameLetters(a: string, b: string): boolean {
  return a.replace(/\./g, '').toLowerCase() === b.replace(/\./g, '').toLowerCase();
}

/** Titles: compare with the first free run of role words in the aligned sentence(s). */
function titleInScope(st: State, e: Entity, scope: number[]): boolean {
  for (const si of scope) {
    const words = st.candWords[si]!;
    for (let p = 0; p < words.length; p++) {
      if (!TITLE_WORDS.has(words[p]!.norm) || !isFree(st, words[p]!.index, 'title') || !(words[p]!.cap || !hasCapitals(st, si))) continue;
      let b = p;
      while (b + 1 < words.length && TITLE_WORDS.has(words[b + 1]!.norm) && isFree(st, words[b + 1]!.index, 'title') && adjacentInText(st, words[b]!, words[b + 1]!)) b++;
      const slice = words.slice(p, b + 1);
      // A run sharing no word with the title must be a real title run (two words, or a one-word title) at
      // about the same place in the sentence; otherwise it is another person's title.
      const shares = slice.some((w) => e.words.some((x) => x.norm === w.norm));
      if (!shares && ((slice.length < 2 && e.words.length > 1) || Math.abs(scopeRelPos(st, scope, slice[0]!.start) - relPos(st.ref, e.sent, e.start)) > 0.3)) {
        p = b;
        continue;
      }
      const r = { first: slice[0]!.index, last: slice[slice.length - 1]!.index };
      consume(st, r, 'title');
      st.found.set(e.id, r);
      reportWordOps(st, e, r, alignWords(e.words, slice), 'title');
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Phase 3: neighbours, whole text, dropped or replaced

function fallback(st: State, e: Entity): void {
  const s1 = st.s1[e.sent]!;
  // Neighbours and then the whole text: a free occurrence means the entity moved (alignment is imperfect).
  if (exactInScope(st, e, s1, true, true)) return;
  // An exact free occurrence anywhere beats a garbled look-alike next door (the segmenter or aligner may
  // have cut the candidate differently, e.g. a lower-cased copy without sentence capitals).
  const all = allSentences(st);
  if (exactInScope(st, e, all, true, true)) return;
  if (e.type !== 'title' && fuzzyInScope(st, e, s1)) return;
  // Nothing: replaced by another name at the same place, or dropped.
  const repl = replacementAt(st, e);
  st.status.set(e.id, 'reported');
  if (repl) {
    consume(st, repl, 'replacement');
    const cs = candSpan(st, repl.first, repl.last);
    report(st, RULE.replaced, undefined, `${q(e.text)} was replaced by ${q(cs.text)}, which names something else.`, refSpan(st, e.first, e.last), cs, { expected: e.text, actual: cs.text });
    return;
  }
  // The same name is in the candidate but every occurrence serves another mention: this mention is gone,
  // the entity is not. A reader still meets it, so the finding is minor.
  const claimedVariant = !findExact(st, e, all, false) && findVariant(st, e, all, false);
  if (claimedVariant) {
    const cs = candSpan(st, claimedVariant.first, claimedVariant.last);
    report(st, RULE.dropped, 'major', `This mention of ${q(e.text)} is missing; only other mentions of it (${q(cs.text)}) remain in the candidate.`, refSpan(st, e.first, e.last), null, {
      searched: ['aligned', 'neighbours', 'whole candidate'],
      elsewhere: cs.text,
    });
    return;
  }
  if (findExact(st, e, all, false)) {
    report(st, RULE.dropped, 'minor', `This mention of ${q(e.text)} is missing; the name appears elsewhere in the candidate.`, refSpan(st, e.first, e.last), null, {
      searched: ['aligned', 'neighbours', 'whole candidate'],
      elsewhere: true,
    });
    return;
  }
  const severity: Severity = e.type === 'acronym' || e.linked !== undefined ? 'critical' : 'major';
  report(st, RULE.dropped, severity, `${q(e.text)} is missing from the candidate (not in the aligned sentence, its neighbours or anywhere else).`, refSpan(st, e.first, e.last), null, {
    searched: ['aligned', 'neighbours', 'whole candidate'],
    alignedSentences: st.s0[e.sent]!.map((c) => st.cand.sentences[c]!.id),
    // The whole reference sentence has no counterpart: the sentence-level "omitted" finding covers it too.
    sentenceOmitted: st.s0[e.sent]!.length === 0,
  });
}

/** Every candidate sentence index (the whole-candidate scope), built once per run. */
function allSentences(st: State): number[] {
  return (st.allScope ??= st.cand.sentences.map((_, i) => i));
}

/**
 * Word-diff the reference sentence against its aligned candidate text; if the entity sits in a gap whose
 * candidate side is short and holds capitalised words nobody claimed, those words replaced it.
 */
function replacementAt(st: State, e: Entity): CandRange | undefined {
  const scope = st.s0[e.sent]!;
  if (!scope.length || e.type === 'title') return undefined;
  const diff = sentenceDiff(st, e.sent);
  if (!diff) return undefined;
  const { rw, cw, match } = diff;
  // Last matched pair before the entity and first after it.
  let before = -1;
  let after = cw.length;
  let ePosFirst = -1;
  let ePosLast = rw.length;
  for (let k = 0; k < rw.length; k++) {
    if (ePosFirst < 0 && rw[k]!.index >= e.first) ePosFirst = k;
    if (rw[k]!.index <= e.last) ePosLast = k;
  }
  for (const [i, j] of match) {
    if (i < ePosFirst) before = Math.max(before, j);
    else if (i > ePosLast && j < after) after = j;
    else if (i >= ePosFirst && i <= ePosLast) return undefined; // part of the entity is there after all
  }
  const gap = cw.slice(before + 1, after);
  if (!gap.length || gap.length > e.words.length + 4) return undefined;
  const caps = gap.filter((t) => t.letter && (t.cap || isAcronymToken(t)) && !FUNCTION_WORDS.has(t.norm) && !MONTHS.has(t.norm) && isFree(st, t.index, 'replacement'));
  if (!caps.length) return undefined;
  return { first: caps[0]!.index, last: caps[caps.length - 1]!.index };
}

/**
 * The word diff of a reference sentence against its aligned candidate text, computed once per sentence
 * (several entities of one sentence may need it).
 */
function sentenceDiff(st: State, ri: number): SentenceDiff | undefined {
  const cached = st.diffs.get(ri);
  if (cached !== undefined) return cached ?? undefined;
  const s = st.ref.sentences[ri]!;
  const rw: Token[] = [];
  for (let i = s.first; i < s.last; i++) if (st.ref.tokens[i]!.word) rw.push(st.ref.tokens[i]!);
  const cw: Token[] = st.s0[ri]!.flatMap((c) => st.candWords[c]!);
  const diff = rw.length * cw.length > 40_000 ? null : { rw, cw, match: lcsPairs(rw, cw) };
  st.diffs.set(ri, diff);
  return diff ?? undefined;
}

interface SentenceDiff {
  rw: Token[];
  cw: Token[];
  match: [number, number][];
}

/** Scratch table for the word LCS, reused across calls. */
let lcsTable = new Uint16Array(1024);

/** Longest common subsequence of two word lists (equal intern ids), as matched index pairs. */
function lcsPairs(a: Token[], b: Token[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  if (lcsTable.length < (n + 1) * w) lcsTable = new Uint16Array((n + 1) * w * 2);
  const dp = lcsTable;
  dp.fill(0, n * w, (n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    const ai = a[i]!.id;
    const row = i * w;
    const next = row + w;
    dp[row + m] = 0;
    for (let j = m - 1; j >= 0; j--) {
      if (ai === b[j]!.id) dp[row + j] = dp[next + j + 1]! + 1;
      else {
        const x = dp[next + j]!;
        const y = dp[row + j + 1]!;
        dp[row + j] = x > y ? x : y;
      }
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.id === b[j]!.id) {
      out.push([i, j]);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Numbers and dates

function checkNumbers(st: State, entities: Entity[]): void {
  const candNums: NumberMention[][] = st.cand.sentences.map(() => []);
  const none = new Set<number>();
  st.cand.sentences.forEach((s, si) => {
    if (!s.boilerplate) candNums[si] = extractNumbers(st.cand, si, none);
  });
  const taken = new Set<NumberMention>();
  const open: Entity[] = [];
  /** Relative position in its sentence (0–1): among equal candidates, the one at the same place wins. */
  const relRef = (e: Entity) => relPos(st.ref, e.sent, e.start);
  const relCand = (m: NumberMention) => relPos(st.cand, m.sent, m.start);
  const closest = (e: Entity, list: NumberMention[]) => {
    let best: NumberMention | undefined;
    let bestD = Infinity;
    const r = relRef(e);
    for (const m of list) {
      const d = Math.abs(relCand(m) - r);
      if (d < bestD) {
        best = m;
        bestD = d;
      }
    }
    return best;
  };
  // Same value in the aligned sentence(s).
  for (const e of entities) {
    const n = e.number!;
    const c = closest(e, st.s0[e.sent]!.flatMap((si) => candNums[si]!).filter((m) => !taken.has(m) && sameNumber(n, m)));
    if (c) taken.add(c);
    else open.push(e);
  }
  // Same value next door, before any value of the aligned sentence(s) is read as a change of it: links are
  // imperfect (a long candidate "sentence" may start in the middle of the reference one), and a value that
  // is still there, one sentence off, has not changed.
  const openAligned: Entity[] = [];
  for (const e of open) {
    const n = e.number!;
    const c = closest(e, st.s1[e.sent]!.flatMap((si) => candNums[si]!).filter((m) => !taken.has(m) && sameNumber(n, m)));
    if (c) taken.add(c);
    else openAligned.push(e);
  }
  // A different value of the same sort, in the aligned sentence(s): changed.
  const stillOpen: Entity[] = [];
  const unresolved = new Set(openAligned);
  for (const e of openAligned) {
    unresolved.delete(e);
    const n = e.number!;
    const c = closest(e, st.s0[e.sent]!.flatMap((si) => candNums[si]!).filter((m) => !taken.has(m) && comparableNumbers(n, m) && n.spelled === m.spelled));
    if (!c) {
      stillOpen.push(e);
      continue;
    }
    // The other value is exactly another reference number still looked for, and this one is there unclaimed
    // elsewhere: the link is what is wrong ("1." and "5." list items paired by position), not the value.
    let other = false;
    for (const o of unresolved) {
      if (sameNumber(o.number!, c)) {
        other = true;
        break;
      }
    }
    const elsewhere = other ? candNums.flat().find((m) => !taken.has(m) && sameNumber(n, m)) : undefined;
    if (elsewhere) {
      taken.add(elsewhere);
      continue;
    }
    taken.add(c);
    const cs: Span = { text: c.text, sentence: st.cand.sentences[c.sent]!.id, start: c.start, end: c.end };
    report(st, RULE.number, undefined, `${q(n.text)} became ${q(c.text)}: the value changed (${numberKey(n)} → ${numberKey(c)}).`, refSpan(st, e.first, e.last), cs, {
      expected: numberKey(n),
      actual: numberKey(c),
      kind: n.kind,
    });
  }
  // Elsewhere (moved) or dropped.
  for (const e of stillOpen) {
    const n = e.number!;
    if (candNums.some((list) => list.some((m) => sameNumber(n, m)))) continue;
    // A bare month ("in May") that a lower-cased copy turned into "may": the word is still there.
    if (n.kind === 'date' && n.date?.d === undefined && n.date?.y === undefined) {
      const monthWord = st.ref.tokens[e.first]!.norm;
      if (st.cand.byNorm.has(monthWord)) continue;
    }
    const small = n.spelled && (n.value ?? 0) <= 10;
    report(st, RULE.dropped, small || n.kind === 'ordinal' && n.spelled ? 'minor' : 'major', `${q(n.text)} (${numberKey(n)}) is missing from the candidate.`, refSpan(st, e.first, e.last), null, {
      expected: numberKey(n),
      kind: n.kind,
      searched: ['aligned', 'neighbours', 'whole candidate'],
    });
  }
}

function relPos(doc: TokenizedDoc, si: number, offset: number): number {
  const s = doc.sentences[si]!;
  return s.end > s.start ? (offset - s.start) / (s.end - s.start) : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Linked acronym/expansion pairs

/**
 * An acronym and its expansion are one entity. When the acronym is dropped but its expansion is there (or
 * the other way round), the referent is still named: the finding goes down to minor. When both are
 * dropped, one finding covers the whole definition.
 */
function mergeLinked(st: State, entities: Entity[]): void {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const droppedOf = new Map<number, Finding>();
  for (const f of st.findings) {
    // A mention whose name is still in the candidate elsewhere keeps its own (lower) severity: the name is
    // not gone, whatever happened to the other half of its definition.
    if (f.rule !== RULE.dropped || !f.reference || f.evidence['elsewhere'] !== undefined) continue;
    const e = entities.find((x) => x.start === f.reference!.start && x.end === f.reference!.end);
    if (e) droppedOf.set(e.id, f);
  }
  const remove = new Set<Finding>();
  for (const e of entities) {
    if (e.type !== 'acronym' || e.linked === undefined) continue;
    const x = byId.get(e.linked);
    if (!x) continue;
    const fa = droppedOf.get(e.id);
    const fx = droppedOf.get(x.id);
    const corrupting = new Set<string>([RULE.expansion, RULE.misspelling, RULE.mistranslated, RULE.replaced]);
    const onX = st.findings.filter((f) => f.reference && f.reference.start >= x.start && f.reference.end <= x.end && f !== fx && corrupting.has(f.rule));
    if (fa && (fx || onX.length)) {
      // The acronym is gone and its expansion is gone or garbled: one finding for the definition.
      if (fx) remove.add(fx);
      for (const f of onX) remove.add(f);
      const a = Math.min(e.first, x.first);
      const b = Math.max(e.last, x.last);
      fa.reference = refSpan(st, a, b);
      fa.severity = 'critical';
      if (fx) {
        fa.message = `${q(x.text)} (${e.text}) is missing from the candidate (not in the aligned sentence, its neighbours or anywhere else).`;
      } else {
        fa.message = `${q(e.text)} is missing from the candidate and its expansion ${q(x.text)} survives only as ${q(onX[0]!.candidate?.text ?? '')}.`;
        fa.candidate = onX[0]!.candidate;
        fa.evidence = { ...fa.evidence, expansion: onX[0]!.evidence };
      }
    } else if (fa && !fx) {
      fa.severity = 'major';
      fa.message = `The acronym ${q(e.text)} is left out, but its expansion ${q(x.text)} is there.`;
    } else if (fx && !fa) {
      fx.severity = 'major';
      fx.message = `The expansion ${q(x.text)} is left out; the acronym ${e.text} is there.`;
    }
  }
  if (remove.size) st.findings = st.findings.filter((f) => !remove.has(f));
}

// ---------------------------------------------------------------------------------------------------------
// Names only in the candidate

/**
 * Capitalised, non-dictionary words of the candidate that nobody claimed and that resemble no word of the
 * reference: made-up names ("Al -Mudhah"). Sentence starts, function words, role words, months and
 * countries are left alone.
 */
/** Company and name suffixes that are not names by themselves. */
const NAME_SUFFIXES = new Set(['ltd', 'inc', 'corp', 'llc', 'plc', 'gmbh', 'jr', 'sr', 'st', 'co']);

function insertedNames(st: State, entities: Entity[]): void {
  // Reference entity words of three letters or more, by length (closeness needs similar lengths), and their stems.
  const byLength: Token[][] = [];
  const refStems = new Set<string>();
  const seen = new Set<number>();
  for (const e of entities) for (const w of e.words) if (!seen.has(w.id) && w.letter && w.norm.length >= 3) {
    seen.add(w.id);
    (byLength[w.norm.length] ??= []).push(w);
    refStems.add(stem(w.norm));
  }
  const resemblesReference = (t: Token): boolean => {
    if (refStems.has(stem(t.norm))) return true;
    for (let l = 3; l < byLength.length; l++) {
      const list = byLength[l];
      if (!list || tooFarApart(l, t.norm.length)) continue;
      for (const w of list) if (isClose(w, t)) return true;
    }
    return false;
  };
  // At a sentence start capitals say nothing, but a word no dictionary knows is still a name ("Spectee
  // children may…" where the reference had "Wolf children may…").
  const isNameWord = (t: Token) =>
    t.word && t.cap && t.text.length >= 3 && (t.alpha || /^\p{L}[\p{L}\p{M}]+$/u.test(t.text)) && !FUNCTION_WORDS.has(t.norm) && !TITLE_WORDS.has(t.norm) && !MONTHS.has(t.norm) && !NAME_SUFFIXES.has(t.norm) && countryGroupOfWord(t.norm) === undefined && !isEnglishWord(t.norm) && !isEnglishWord(t.norm.replace(/s$/, ''));
  for (let si = 0; si < st.cand.sentences.length; si++) {
    const s = st.cand.sentences[si]!;
    if (s.boilerplate || s.titleCase) continue;
    const words = st.candWords[si]!;
    for (let p = 0; p < words.length; p++) {
      const t = words[p]!;
      if (!isNameWord(t) || st.consumed[t.index] || st.ref.byNorm.has(t.norm)) continue;
      if (resemblesReference(t)) continue;
      // Group with neighbouring capitalised words glued or adjacent ("Al -Mudhah").
      let a = p;
      let b = p;
      while (a > 0 && words[a - 1]!.cap && !words[a - 1]!.initial && !st.consumed[words[a - 1]!.index] && !st.ref.byNorm.has(words[a - 1]!.norm) && adjacentInText(st, words[a - 1]!, words[a]!) && !FUNCTION_WORDS.has(words[a - 1]!.norm) && !TITLE_WORDS.has(words[a - 1]!.norm)) a--;
      while (b + 1 < words.length && isNameWord(words[b + 1]!) && !st.consumed[words[b + 1]!.index] && !st.ref.byNorm.has(words[b + 1]!.norm) && adjacentInText(st, words[b]!, words[b + 1]!)) b++;
      const r = { first: words[a]!.index, last: words[b]!.index };
      consume(st, r, 'inserted');
      const cs = candSpan(st, r.first, r.last);
      report(st, RULE.inserted, undefined, `${q(cs.text)} names nothing in the reference: a name the candidate introduced.`, null, cs, { actual: cs.text, normalized: normalizeWord(cs.text) });
      p = b;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Glossary

function checkGlossary(st: State, glossary: Glossary): void {
  for (const { term, variants = [] } of glossary.terms) {
    if (!term.trim()) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(term)}(?![\\p{L}\\p{N}])`, 'gu');
    const forms = [term, ...variants].map((f) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(f)}(?![\\p{L}\\p{N}])`, 'u'));
    for (const m of st.ref.text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const si = st.ref.sentences.findIndex((s) => start >= s.start && end <= s.end);
      if (si < 0 || st.ref.sentences[si]!.boilerplate) continue;
      const scopes = [st.s0[si]!, st.s1[si]!];
      const ok = scopes.some((scope) => scope.some((c) => forms.some((f) => f.test(st.cand.text.slice(st.cand.sentences[c]!.start, st.cand.sentences[c]!.end)))));
      if (ok) continue;
      // The closest candidate words, for the report: the best window over the aligned sentence(s).
      const tokFirst = st.ref.tokens.findIndex((t) => t.start >= start);
      let tokLast = tokFirst;
      while (tokLast + 1 < st.ref.tokens.length && st.ref.tokens[tokLast + 1]!.end <= end) tokLast++;
      const fake: Entity = { id: -1, type: 'name', sent: si, first: tokFirst, last: tokLast, start, end, text: m[0], words: st.ref.tokens.slice(tokFirst, tokLast + 1).filter((t) => t.word), linked: undefined, number: undefined };
      const win = bestWindow(st, fake, st.s0[si]!);
      const cs = win ? candSpan(st, st.candWords[win.sent]![win.a]!.index, st.candWords[win.sent]![win.b]!.index) : null;
      report(st, RULE.glossary, undefined, `Glossary term ${q(term)} is not in the corresponding candidate text${variants.length ? ` (allowed: ${variants.map(q).join(', ')})` : ''}${cs ? `; found ${q(cs.text)} instead` : ''}.`, { text: m[0], sentence: st.ref.sentences[si]!.id, start, end }, cs, { term, variants });
      st.glossaryRanges.push([start, end]);
    }
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------

const RULE_ORDER = new Map<string, number>(Object.values(RULE).map((r, k) => [r, k]));

function sortFindings(list: Finding[]): Finding[] {
  return list.sort(
    (a, b) =>
      (a.reference?.start ?? Infinity) - (b.reference?.start ?? Infinity) ||
      (a.candidate?.start ?? Infinity) - (b.candidate?.start ?? Infinity) ||
      (RULE_ORDER.get(a.rule) ?? 99) - (RULE_ORDER.get(b.rule) ?? 99) ||
      a.rule.localeCompare(b.rule),
  );
}

