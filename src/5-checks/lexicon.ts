/**
 * Generic English lexicons for the entity checks: months, number words, countries with their demonyms and
 * standard abbreviations, titles and roles, name connectors and organisation head words, plus a test for
 * "is this a common English word" backed by wink's English lexicon (87k lexemes, already a dependency).
 *
 * Nothing here names anything specific to a document of the corpus: these are the lists any English
 * newsroom style guide would give.
 */
import { createRequire } from 'node:module';

/** Month names and their usual abbreviations → month number (1–12). */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8], ['september', 9],
  ['sep', 9], ['sept', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
]);

/** Abbreviated month names only count as months when capitalised and followed by a day or year ("Mar" vs "mar"). */
export const MONTH_ABBREVIATIONS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

export const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** Spelled-out cardinals. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15],
  ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40],
  ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90], ['hundred', 100], ['dozen', 12],
]);

/** Spelled-out ordinals. */
export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7], ['eighth', 8],
  ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['thirteenth', 13], ['fourteenth', 14],
  ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17], ['eighteenth', 18], ['nineteenth', 19],
  ['twentieth', 20], ['thirtieth', 30], ['fortieth', 40], ['fiftieth', 50], ['sixtieth', 60], ['seventieth', 70],
  ['eightieth', 80], ['ninetieth', 90], ['hundredth', 100], ['thousandth', 1000],
]);

/** Magnitude words that multiply the number before them ("1.5 million"). */
export const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['bn', 1e9], ['mn', 1e6],
]);

/**
 * Countries, regions and international bodies: each group lists forms a reader takes as the same referent
 * (name, short name, standard abbreviation, demonym/adjective). "U.S." ↔ "United States" ↔ "American" is the
 * canonical example; the abbreviations are the standard ones (ISO-style and press usage), not document-specific.
 */
const COUNTRY_GROUPS: readonly string[] = [
  'united states|united states of america|us|usa|u.s.|u.s.a.|america|american|americans',
  'united kingdom|uk|u.k.|britain|great britain|british|briton|britons',
  'united nations|un|u.n.',
  'european union|eu|e.u.',
  'republic of korea|south korea|rok|korea|korean|koreans',
  "democratic people's republic of korea|north korea|dprk",
  "people's republic of china|china|prc|chinese",
  'soviet union|ussr|soviet',
  'united arab emirates|uae|emirati',
  'japan|japanese', 'india|indian|indians', 'russia|russian federation|russian|russians', 'germany|german|germans',
  'france|french', 'italy|italian|italians', 'spain|spanish', 'portugal|portuguese', 'canada|canadian|canadians',
  'mexico|mexican|mexicans', 'brazil|brazilian', 'argentina|argentine|argentinian', 'chile|chilean',
  'colombia|colombian', 'peru|peruvian', 'venezuela|venezuelan', 'cuba|cuban', 'australia|australian|australians',
  'new zealand|new zealander', 'indonesia|indonesian', 'philippines|filipino|philippine', 'vietnam|viet nam|vietnamese',
  'thailand|thai', 'malaysia|malaysian', 'singapore|singaporean', 'taiwan|taiwanese', 'mongolia|mongolian',
  'pakistan|pakistani', 'bangladesh|bangladeshi', 'afghanistan|afghan', 'iran|iranian', 'iraq|iraqi',
  'syria|syrian', 'israel|israeli', 'palestine|palestinian', 'egypt|egyptian', 'saudi arabia|saudi',
  'turkey|turkish|türkiye', 'greece|greek', 'ukraine|ukrainian', 'poland|polish', 'netherlands|dutch|holland',
  'belgium|belgian', 'switzerland|swiss', 'austria|austrian', 'sweden|swedish', 'norway|norwegian',
  'denmark|danish', 'finland|finnish', 'ireland|irish', 'hungary|hungarian', 'czech republic|czechia|czech',
  'romania|romanian', 'nigeria|nigerian', 'kenya|kenyan', 'south africa|south african', 'ethiopia|ethiopian',
  'morocco|moroccan', 'algeria|algerian', 'tunisia|tunisian', 'libya|libyan', 'sudan|sudanese', 'qatar|qatari',
  'kuwait|kuwaiti', 'jordan|jordanian', 'lebanon|lebanese', 'yemen|yemeni', 'oman|omani', 'nepal|nepalese|nepali',
  'sri lanka|sri lankan', 'myanmar|burma|burmese', 'cambodia|cambodian', 'laos|lao|laotian',
  'kazakhstan|kazakh', 'uzbekistan|uzbek', 'georgia|georgian', 'armenia|armenian', 'azerbaijan|azerbaijani',
  'belarus|belarusian', 'serbia|serbian', 'croatia|croatian', 'bulgaria|bulgarian', 'slovakia|slovak',
  'slovenia|slovenian', 'lithuania|lithuanian', 'latvia|latvian', 'estonia|estonian', 'iceland|icelandic',
  'scotland|scottish|scots', 'wales|welsh', 'england|english', 'europe|european|europeans', 'asia|asian|asians',
  'africa|african|africans', 'latin america|latin american', 'arctic', 'antarctica|antarctic',
  'washington|washington dc|washington d.c.', 'd.c.|dc', 'new york|new york city|nyc',
];

/** Normalised multi-word key ("u.s." → "us") → group id. */
const countryGroupOf = new Map<string, number>();
/** First words of all forms: most words are not, and the lookup below is on the hot path. */
const countryFirstWords = new Set<string>();
/** All normalised forms, longest first, for phrase lookup. */
const countryForms: string[][] = [];
COUNTRY_GROUPS.forEach((line, gi) => {
  for (const form of line.split('|')) {
    const words = form.split(' ').map(normalizeWord);
    countryGroupOf.set(words.join(' '), gi);
    countryFirstWords.add(words[0]!);
    countryForms.push(words);
  }
});
countryForms.sort((a, b) => b.length - a.length);
export const MAX_COUNTRY_WORDS = countryForms.reduce((m, f) => Math.max(m, f.length), 1);

/** Can a country/organisation form start with this normalised word? (Most words cannot: a cheap gate.) */
export function startsCountryForm(word: string): boolean {
  return countryFirstWords.has(word);
}

/** Group id of a one-word country/demonym form ("us", "korean"), or undefined: `countryGroup([word])` without the array. */
export function countryGroupOfWord(word: string): number | undefined {
  return countryFirstWords.has(word) ? countryGroupOf.get(word) : undefined;
}

/** Group id of a country/demonym form given as normalised words, or undefined. */
export function countryGroup(words: readonly string[]): number | undefined {
  if (!words.length || !countryFirstWords.has(words[0]!)) return undefined;
  return countryGroupOf.get(words.length === 1 ? words[0]! : words.join(' '));
}

/**
 * Words that name a title or role. Capitalised runs made only of these are titles ("Deputy Assistant
 * Secretary"); a change among them is a title-or-role change rather than a name change.
 */
export const TITLE_WORDS = new Set([
  'president', 'vice', 'prime', 'minister', 'deputy', 'assistant', 'associate', 'secretary', 'undersecretary',
  'under', 'director', 'director-general', 'general', 'administrator', 'acting', 'chief', 'chairman', 'chairwoman',
  'chair', 'chairperson', 'ambassador', 'envoy', 'consul', 'governor', 'gov', 'mayor', 'senator', 'sen',
  'representative', 'rep', 'congressman', 'congresswoman', 'commissioner', 'officer', 'head', 'manager',
  'counselor', 'counsellor', 'adviser', 'advisor', 'spokesperson', 'spokesman', 'spokeswoman', 'mr', 'mrs', 'ms',
  'dr', 'prof', 'professor', 'king', 'queen', 'prince', 'princess', 'pope', 'judge', 'captain', 'colonel',
  'lieutenant', 'sergeant', 'admiral', 'marshal', 'premier', 'chancellor', 'senior', 'executive', 'treasurer',
  'principal', 'speaker', 'attorney', 'solicitor', 'inspector', 'superintendent', 'commander', 'emperor', 'sheikh',
  'lord', 'lady', 'sir', 'dame', 'rev', 'reverend', 'bishop', 'cardinal', 'ceo', 'cfo', 'coo', 'cto',
]);

/** Lower-case words allowed inside a capitalised name run ("Ministry of Foreign Affairs"). */
export const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'de', 'la', 'le', 'del', 'du', 'des', 'von', 'van', 'der', 'den', 'da', 'di', 'al', 'el', 'bin', 'ibn', '&']);

/** Name connectors and the articles and prepositions that come and go around names in translation. */
export const CONNECTOR_WORDS: ReadonlySet<string> = new Set([...CONNECTORS, 'the', 'a', 'an', 'in', 'to', 'at']);

/** Function words that never start or form a name, even when capitalised at the start of a sentence. */
export const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his',
  'her', 'their', 'our', 'my', 'your', 'in', 'on', 'at', 'for', 'of', 'to', 'from', 'by', 'with', 'as', 'and', 'or',
  'but', 'if', 'when', 'while', 'after', 'before', 'since', 'although', 'though', 'because', 'also', 'however',
  'there', 'here', 'what', 'which', 'who', 'whom', 'whose', 'how', 'why', 'where', 'all', 'both', 'each', 'some',
  'many', 'most', 'other', 'such', 'no', 'not', 'yes', 'so', 'then', 'thus', 'meanwhile', 'furthermore',
  'additionally', 'moreover', 'according', 'during', 'under', 'over', 'about', 'into', 'through', 'between',
  'among', 'against', 'without', 'within', 'upon', 'via', 'per', 'than', 'is', 'are', 'was', 'were', 'be', 'been',
  'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'do', 'does', 'did',
  'said', 'says', 'according', 'last', 'next', 'every', 'any', 'one', 'only', 'just', 'even', 'still', 'yet',
  'now', 'today', 'yesterday', 'tomorrow', 'mr', 'mrs', 'ms',
]);

/**
 * Head words of organisations, programmes and events. A capitalised run ending in one of these is an
 * organisation-like name; "X and Y Institute" keeps its "and" only when a head word follows it.
 */
export const ORG_HEADS = new Set([
  'administration', 'agency', 'ministry', 'department', 'office', 'institute', 'institution', 'committee',
  'commission', 'council', 'group', 'bureau', 'service', 'services', 'survey', 'forum', 'university', 'college',
  'school', 'association', 'organization', 'organisation', 'center', 'centre', 'corporation', 'company', 'authority',
  'board', 'foundation', 'fund', 'bank', 'union', 'party', 'court', 'assembly', 'parliament', 'congress', 'senate',
  'program', 'programme', 'initiative', 'project', 'mission', 'force', 'guard', 'army', 'navy', 'command',
  'laboratory', 'observatory', 'society', 'alliance', 'federation', 'coalition', 'network', 'system', 'systems',
  'station', 'dialogue', 'summit', 'conference', 'accords', 'agreement', 'treaty', 'directorate', 'directorates',
  'academy', 'museum', 'hospital', 'police', 'club', 'team', 'league', 'partnership', 'symposium', 'report',
  'affairs', 'relations', 'destinations', 'probe', 'telescope', 'satellite', 'satellites', 'administration',
  'headquarters', 'secretariat', 'cabinet', 'inc', 'ltd', 'corp', 'co',
]);

/** Lower-case, diacritics stripped, abbreviation dots and apostrophes dropped: "U.S." → "us", "Cañitas" → "canitas". */
export function normalizeWord(w: string): string {
  if (/^[A-Za-z0-9]+$/.test(w)) return w.toLowerCase();
  return w
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '');
}

let englishWords: Set<string> | undefined;

/**
 * Lower-case alphabetic lexemes of wink's English model: a common-word list used to tell a real English word
 * ("rock", "attack") from a name or a garbled form ("Cassa"). Loaded once through the module cache, so the
 * 3 MB model JSON wink already parsed is not parsed twice.
 */
function englishLexicon(): Set<string> {
  if (englishWords) return englishWords;
  const require = createRequire(import.meta.url);
  const modelJson = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json') as {
    features: { lexeme: { list: string[] } };
  };
  const set = new Set<string>();
  for (const lexeme of modelJson.features.lexeme.list) {
    if (/^[a-z][a-z-]*$/.test(lexeme)) set.add(lexeme);
  }
  englishWords = set;
  return set;
}

/** True when the lower-cased form is a common English word (in wink's lexicon, lower-case entry). */
export function isEnglishWord(word: string): boolean {
  const w = word.toLowerCase();
  return englishLexicon().has(w);
}
