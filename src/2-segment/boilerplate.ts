/**
 * Scraper and template noise: lines that a web page or a republishing pipeline adds around the content
 * ("[ad_1]", "Skip to content", "Leave a Reply", "Filed under , , ,", "© … All rights reserved.", share
 * buttons, menus). They must not count as added or omitted content when two texts are aligned.
 *
 * Recognised by general features only, never by strings of a particular document:
 *   1. user patterns (`boilerplatePatterns`);
 *   2. a bracketed placeholder of at most three short tokens (`[ad_1]`, `{{ad}}`, `[Photo]`);
 *   3. no letter or digit at all (`***`, `———`, `////`);
 *   4. a copyright / rights line (the whole line is marked, so "© Publisher." and "All rights reserved." go together);
 *   5. "Filed under …", "Posted in …", "Tags: …" category lines;
 *   6. a short line standing alone that consists only of web-chrome vocabulary (navigation, page structure,
 *      sharing, comments: "Start the text", "The final text", "Back to top", "Share on Facebook",
 *      "본문 바로가기") and function words;
 *   7. a menu or breadcrumb line: three or more short items separated by `|`, `·`, `»`, `›` or `>`.
 *
 * Conservative by design: a line that names anything outside that vocabulary is content. Section labels
 * such as "Press Releases" are kept as content: they are real headings of the page, a republished copy
 * usually carries them too, and marking them would hide a change in them from the audit.
 */

import { isLetterAt, isLineBreak } from './chars.js';

/** Words of web page chrome: navigation, page structure, sharing, comments, ads. Lower case. */
const CHROME = new Set([
  'skip', 'jump', 'go', 'back', 'top', 'bottom', 'main', 'content', 'contents', 'text', 'body', 'article',
  'articles', 'story', 'stories', 'page', 'pages', 'menu', 'navigation', 'nav', 'search', 'home', 'homepage',
  'start', 'begin', 'beginning', 'end', 'final', 'sitemap', 'site', 'previous', 'prev', 'next', 'more', 'read',
  'continue', 'continued', 'reading', 'open', 'close', 'toggle', 'login', 'logout', 'log', 'sign', 'register',
  'subscribe', 'subscription', 'newsletter', 'print', 'email', 'e-mail', 'mail', 'share', 'shares', 'tweet',
  'like', 'follow', 'comment', 'comments', 'reply', 'replies', 'leave', 'post', 'posts', 'related', 'tags',
  'tag', 'tagged', 'filed', 'category', 'categories', 'posted', 'advertisement', 'advertisements', 'ad', 'ads',
  'sponsored', 'cookie', 'cookies', 'accept', 'click', 'view', 'copy', 'link', 'links', 'url', 'facebook',
  'twitter', 'linkedin', 'whatsapp', 'telegram', 'reddit', 'pinterest', 'kakaotalk', 'kakao', 'naver',
  'instagram', 'youtube', 'rss', 'feed', 'font', 'size', 'larger', 'smaller', 'listen', 'scroll', 'loading',
  'popular', 'trending', 'latest', 'recommended', 'widget', 'sidebar', 'footer', 'header', 'cancel', 'submit',
  'send', 'password', 'username', 'account', 'profile', 'settings', 'notifications', 'bookmark', 'save',
]);

/** Function words allowed around chrome words ("Leave a Reply", "Skip to content", "Share this"). */
const FUNCTION = new Set([
  'the', 'a', 'an', 'to', 'of', 'in', 'on', 'at', 'for', 'by', 'with', 'and', 'or', 'this', 'that', 'our',
  'your', 'us', 'me', 'you', 'it', 'is', 'here', 'now', 'up', 'out', 'off', 'from', 'under', 'all', 'via',
]);

/** Korean web-chrome morphemes (menu, shortcut, main text, search, open/close, login, share, print, list…). */
const CHROME_KO = [
  '메뉴', '바로가기', '본문', '검색', '열기', '닫기', '로그인', '로그아웃', '회원가입', '사이트맵', '공유', '인쇄',
  '목록', '이전', '다음', '댓글', '구독', '광고', '전체보기', '글자', '크기', '확대', '축소', '스크랩', '페이스북',
  '트위터', '카카오톡', '홈',
];

const PLACEHOLDER = /^[[{<]{1,2}\s*[\w:/#.-]{1,30}(?:\s+[\w:/#.-]{1,30}){0,2}\s*[\]}>]{1,2}$/;
const HAS_WORD = /[\p{L}\p{N}]/u;
const COPYRIGHT = /^(?:©|\(c\)|copyright\b)|©\s*(?:19|20)\d\d|\ball rights reserved\b/i;
const CATEGORY = /^(?:(?:filed under|posted in|tagged(?: with)?)\b|(?:tags|categories|category)\s*:)/i;
const MENU_SEPARATORS = /\s[|·»›>]\s|\s\|\s?|\s?\|\s/;
const SENTENCE_END = /[.!?]["'”’)]*$/;

/** Longest line examined as a whole (copyright, menu); longer lines are prose. */
const MAX_LINE = 300;

function isChromeToken(token: string): boolean {
  const lower = token.toLowerCase();
  if (CHROME.has(lower)) return true;
  if (isLetterAt(token, 0) && token.charCodeAt(0) >= 0x1100) return CHROME_KO.some((m) => token.includes(m));
  return false;
}

/** A short standalone line made only of chrome vocabulary and function words. */
function isChromeLine(sentence: string): boolean {
  if (sentence.length > 60 || SENTENCE_END.test(sentence)) return false;
  const tokens = sentence
    .split(/[\s,;:|/·»›>()[\]"“”'‘’!?.…-]+/u)
    .filter((t) => t.length > 0);
  if (tokens.length === 0 || tokens.length > 6) return false;
  let chrome = 0;
  for (const t of tokens) {
    if (isChromeToken(t)) chrome++;
    else if (!FUNCTION.has(t.toLowerCase())) return false;
  }
  return chrome > 0;
}

/** Three or more short items separated by menu or breadcrumb separators. */
function isMenuLine(line: string): boolean {
  if (!MENU_SEPARATORS.test(line)) return false;
  const items = line.split(/\s*[|·»›>]\s*/).filter((t) => t.length > 0);
  return items.length >= 3 && items.every((t) => t.split(/\s+/).length <= 3 && !SENTENCE_END.test(t));
}

/**
 * Marks which of `spans` (sentences of `text`, in order) are boilerplate. One forward pass keeps track of
 * the line around each sentence, so the cost is linear in the text length.
 */
export function markBoilerplate(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
  patterns: readonly RegExp[] = [],
): boolean[] {
  const out: boolean[] = [];
  let scan = 0;
  let lineStart = 0;
  let lineEnd = -1;
  for (const { start, end } of spans) {
    while (scan < start) {
      if (isLineBreak(text.charCodeAt(scan))) lineStart = scan + 1;
      scan++;
    }
    if (lineEnd < end) {
      lineEnd = end;
      while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    }
    out.push(isBoilerplate(text, start, end, lineStart, lineEnd, patterns));
  }
  return out;
}

function isBoilerplate(
  text: string,
  start: number,
  end: number,
  lineStart: number,
  lineEnd: number,
  patterns: readonly RegExp[],
): boolean {
  const sentence = text.slice(start, end);
  for (const re of patterns) {
    re.lastIndex = 0;
    if (re.test(sentence)) return true;
  }
  const first = sentence.charCodeAt(0);
  if ((first === 91 || first === 123 || first === 60) && PLACEHOLDER.test(sentence) && !SENTENCE_END.test(sentence.slice(1, -1))) {
    return true;
  }
  if (!HAS_WORD.test(sentence)) return true;
  if (lineEnd - lineStart > MAX_LINE) return false;
  const line = text.slice(lineStart, lineEnd).trim();
  if (COPYRIGHT.test(line)) return true;
  if (CATEGORY.test(line) && !SENTENCE_END.test(line)) return true;
  if (isMenuLine(line)) return true;
  return line === sentence && isChromeLine(sentence);
}
