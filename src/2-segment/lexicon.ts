/**
 * Generic English word lists the sentence segmenter consults. Nothing here names a corpus document: these
 * are the closed-class words and conventional abbreviations of written English (the lists follow
 * pragmatic_segmenter's `abbreviation.rb` / `SENTENCE_STARTERS` and pySBD's `abbreviation_replacer.py`,
 * extended with government / diplomatic titles, which the audited press releases use heavily).
 *
 * All entries are lower case; callers lower-case the token before the lookup.
 */

/**
 * Abbreviations that stand *before* a name or a number ("Mr. Park", "Mt. Fuji", "Sen. Obama"): a period after
 * one of these is never a sentence end when a word follows (Golden Rules 10, 11; extended #069).
 */
export const PREPOSITIVE = new Set([
  'adm', 'amb', 'brig', 'capt', 'cmdr', 'col', 'comdr', 'cpl', 'dr', 'drs', 'fr', 'gen', 'gov', 'hon',
  'lieut', 'lt', 'maj', 'messrs', 'mlle', 'mme', 'mr', 'mrs', 'ms', 'msgr', 'mssrs', 'mt', 'pres', 'prof',
  'pvt', 'rep', 'reps', 'rev', 'sen', 'sens', 'sgt', 'supt', 'ste', 'asst', 'atty', 'cllr', 'insp', 'mssr',
  'pfc', 'sfc', 'treas',
]);

/** Abbreviations normally followed by a number ("No. 3", "p. 55", "SEC. 1262", "Rs. 3520", "N°. 1026"). */
export const NUMERIC = new Set([
  'no', 'nos', 'nr', 'n°', 'nº', 'p', 'pp', 'vol', 'vols', 'fig', 'figs', 'art', 'arts', 'sec', 'secs', 'ch',
  'chap', 'para', 'paras', 'op', 'eq', 'eqs', 'refs', 'rs', 'pt', 'pts', 'cols', 'bk', 'tel', 'approx',
]);

/** Month and weekday abbreviations ("Jan. 20", "Dec. 31st"): no sentence end before a number. */
export const CALENDAR = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
]);

/** Abbreviations that never end a sentence in practice: they announce what follows ("e.g. a hat", "vs. the"). */
export const NEVER_FINAL = new Set(['e.g', 'i.e', 'vs', 'v', 'cf', 'viz', 'ca', 'esp', 'incl', 'excl', 'approx', 'f.e', 'resp', 'w.r.t']);

/** Time-of-day abbreviations: after a number they end a sentence before any capitalised word (extended #071–#073). */
export const TIME = new Set(['a.m', 'p.m']);

/**
 * Other conventional abbreviations (company forms, degrees, units, "etc."). A period after one of these ends
 * a sentence only when a clear sentence starter follows ("& Co. It closed", Golden Rule 9).
 */
export const GENERAL = new Set([
  'co', 'corp', 'inc', 'ltd', 'llc', 'plc', 'bros', 'jr', 'sr', 'st', 'etc', 'al', 'dept', 'depts', 'govt',
  'univ', 'assn', 'assoc', 'ave', 'blvd', 'rd', 'hwy', 'mts', 'mins', 'hr', 'hrs', 'yr', 'yrs', 'mos', 'wk',
  'wks', 'sq', 'ft', 'oz', 'lb', 'lbs', 'kg', 'km', 'cm', 'mm', 'ibid', 'misc', 'intl', 'natl', 'admin',
  'btw', 'med', 'acad', 'cca', 'ff', 'abbr', 'abt', 'addr', 'adj', 'adv', 'anon', 'appt', 'apt', 'attn',
  'aux', 'avg', 'bldg', 'cert', 'chem', 'cmd', 'contd', 'dept', 'dia', 'dup', 'econ', 'elec', 'encl',
  'equiv', 'esq', 'exec', 'hosp', 'illus', 'inst', 'jour', 'mgr', 'mgmt', 'mfg', 'orig', 'pkg', 'prep',
  'pron', 'pseud', 'publ', 'qty', 'repr', 'req', 'subj', 'syn', 'transl', 'usu', 'wt', 'yds', 'ph.d', 'd.c',
  'calif', 'conn', 'fla', 'mich', 'minn', 'okla', 'tenn', 'wis', 'wyo',
]);

/**
 * Capitalised words that open an English sentence far more often than they continue a name. After an
 * ambiguous abbreviation ("U.S.", "Co.", an initial) a sentence boundary is placed only before one of these
 * (pragmatic_segmenter's SENTENCE_STARTERS, widened to the closed classes). Words that also start official
 * names after "U.S." ("Under Secretary", "First Lady", "Special Envoy") are deliberately absent.
 */
export const STARTERS = new Set([
  // pronouns and determiners
  'i', 'you', 'he', 'she', 'it', 'we', 'they', 'this', 'that', 'these', 'those', 'there', 'here', 'a', 'an',
  'the', 'some', 'many', 'most', 'several', 'all', 'both', 'each', 'every', 'any', 'few', 'such', 'another',
  'our', 'my', 'his', 'her', 'its', 'their', 'your', 'none', 'nothing', 'everyone', 'someone',
  // conjunctions, connectives and sentence adverbs
  'but', 'and', 'or', 'so', 'yet', 'however', 'moreover', 'furthermore', 'meanwhile', 'also', 'then', 'thus',
  'therefore', 'hence', 'still', 'instead', 'indeed', 'nevertheless', 'nonetheless', 'additionally',
  'finally', 'later', 'earlier', 'now', 'today', 'yesterday', 'tomorrow', 'currently', 'previously',
  'recently', 'since', 'while', 'when', 'where', 'why', 'how', 'what', 'who', 'whom', 'whose', 'which', 'if',
  'although', 'though', 'because', 'as', 'after', 'before', 'once', 'unlike', 'despite', 'during',
  'following', 'according', 'among', 'through', 'throughout', 'within', 'without', 'upon', 'for', 'from',
  'with', 'by', 'at', 'on', 'in', 'to', 'of', 'into', 'not', 'nor', 'neither', 'either', 'being', 'having',
  'do', 'does', 'did', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'can', 'could', 'will', 'would',
  'shall', 'should', 'may', 'might', 'must', 'let', 'please', 'yes', 'even', 'perhaps', 'maybe',
  'otherwise', 'overall', 'together', 'again', 'soon', 'more', 'less',
  // quantities used as subjects ("Millions attended", extended #069)
  'millions', 'thousands', 'hundreds', 'dozens', 'billions',
]);

/**
 * Prepositions that open a short adverbial phrase ("At 5 a.m. Mr. Smith went…", Golden Rule 18): a sentence
 * cannot consist of such a phrase alone, so an ambiguous boundary right after one is rejected.
 */
export const FRAGMENT_PREPOSITIONS = new Set([
  'at', 'by', 'from', 'until', 'till', 'before', 'after', 'on', 'in', 'around', 'about', 'since', 'between',
  'during', 'near', 'to',
]);

/** Calendar words that may follow a time abbreviation inside a sentence ("at 5 p.m. Monday"). */
export const CALENDAR_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'local', 'time', 'gmt', 'utc', 'est', 'edt', 'pst', 'pdt', 'kst', 'cet', 'bst',
]);
