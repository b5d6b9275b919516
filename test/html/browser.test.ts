/**
 * The HTML report in a real browser (Debian's Chromium driven by playwright-core), loaded from file:// as a
 * reviewer opens it. One browser for the whole file; each test gets its own page.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingOrder, renderHtml, renderIndex } from '../../src/6-report/html/index.js';
import type { Report } from '../../src/types.js';
import { FIXTURE, HOSTILE, hostileReport } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI) throw new Error(`No Chromium at ${CHROMIUM}: the HTML report must be tested in a browser on CI (apt-get install chromium).`);
if (!hasBrowser) console.log(`test/html/browser.test.ts skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).`);

/** The pipeline's report of corpus 000 → 001 once it is committed; the hand-made fixture until then. */
const REAL_REPORT = new URL('../../reports/000_f32ec7d94fac71fb--001_378ec3acaf265ec0.json', import.meta.url);
/** `HTML_TEST_REPORT=path/to/report.json` runs the same checks on any report. */
const SOURCE = process.env.HTML_TEST_REPORT ? pathToFileURL(process.env.HTML_TEST_REPORT) : existsSync(REAL_REPORT) ? REAL_REPORT : FIXTURE;
// The README's screenshot is rewritten only on request (`npm run screenshot`): a test run must not change
// tracked files, and Chromium versions differ in their pixels.
const README_SCREENSHOT = fileURLToPath(new URL('../../reports/screenshot-report.png', import.meta.url));

interface Loaded {
  page: Page;
  requests: string[];
  problems: string[];
  dialogs: string[];
}

describe.skipIf(!hasBrowser)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  const report = JSON.parse(readFileSync(SOURCE, 'utf8')) as Report;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    dir = mkdtempSync(join(tmpdir(), 'fidelity-html-'));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function load(html: string, name: string, options: BrowserContextOptions = {}): Promise<Loaded> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, ...options });
    const page = await context.newPage();
    const loaded: Loaded = { page, requests: [], problems: [], dialogs: [] };
    page.on('request', (r) => loaded.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') loaded.problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => loaded.problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      loaded.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    return loaded;
  }

  const visibleFindingRows = (page: Page) => page.locator('#findings tbody tr:visible').count();

  it(`renders ${SOURCE === FIXTURE ? 'the fixture' : SOURCE === REAL_REPORT ? 'the 000→001 report' : SOURCE.pathname} with no console error and no request but the file itself`, async () => {
    const { page, requests, problems } = await load(renderHtml(report), 'report.html');
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(join(dir, 'report.html')).href]);
    expect(await page.locator('#tools').isVisible()).toBe(true);
    await page.context().close();
  });

  it('shows every finding of the JSON: a table row each, and a mark on each side it has a span', async () => {
    const { page } = await load(renderHtml(report), 'report.html');
    for (let i = 0; i < report.findings.length; i++) {
      const f = report.findings[i]!;
      expect(await page.locator(`#findings tr[data-finding="${i}"]`).count(), `finding ${i}`).toBe(1);
      const sides = (f.reference ? 1 : 0) + (f.candidate ? 1 : 0);
      expect(await page.locator(`#alignment mark[data-finding~="${i}"]`).count(), `marks of finding ${i} (${f.rule})`).toBe(sides);
    }
    await page.context().close();
  });

  it('puts the worst findings above the fold at 1366×768, worst first', async () => {
    const { page } = await load(renderHtml(report), 'report.html', { viewport: { width: 1366, height: 768 } });
    const rows = page.locator('#findings tbody tr');
    const n = Math.min(3, report.findings.length);
    for (let k = 0; k < n; k++) {
      const box = (await rows.nth(k).boundingBox())!;
      expect(box.y + box.height, `findings row ${k + 1} bottom`).toBeLessThanOrEqual(768);
    }
    const order = findingOrder(report.findings);
    expect(await rows.first().getAttribute('data-finding')).toBe(String(order[0]));
    // Each row links to its alignment row, and following the link lands there.
    const link = page.locator('#findings tbody a[href^="#row-"]').first();
    if ((await link.count()) === 0) {
      // Only document-level findings (an unrelated candidate): nothing to link to.
      expect(report.findings.every((f) => f.reference === null && f.candidate === null)).toBe(true);
      return page.context().close();
    }
    const target = (await link.getAttribute('href'))!;
    await link.click();
    expect(await page.evaluate(() => location.hash)).toBe(target);
    // The row lands in view and not under the sticky tool bar or table head: its top is what the reader sees.
    const row = (await page.locator(target).boundingBox())!;
    expect(row.y).toBeGreaterThanOrEqual(0);
    expect(row.y).toBeLessThan(768);
    const topmost = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('tr')?.id ?? null, [row.x + 20, row.y + 8]);
    expect(topmost).toBe(target.slice(1));
    await page.context().close();
  });

  it('filters by severity, kind, drift class and "only rows with findings"', async () => {
    const { page } = await load(renderHtml(report), 'report.html');
    await page.locator('.filters summary').click();
    const count = (sev: string) => report.findings.filter((f) => f.severity === sev).length;
    expect(await visibleFindingRows(page)).toBe(report.findings.length);

    await page.locator('input[name="sev"][value="minor"]').uncheck();
    expect(await visibleFindingRows(page)).toBe(report.findings.length - count('minor'));
    const minorOnly = report.findings.findIndex((f) => f.severity === 'minor');
    if (minorOnly >= 0) expect(await page.locator(`#alignment mark[data-finding="${minorOnly}"]`).first().getAttribute('class')).toContain('off');
    await page.locator('input[name="sev"][value="minor"]').check();

    const kind = report.findings[0]!.kind;
    await page.locator(`input[name="kind"][value="${kind}"]`).uncheck();
    expect(await visibleFindingRows(page)).toBe(report.findings.filter((f) => f.kind !== kind).length);
    await page.locator(`input[name="kind"][value="${kind}"]`).check();

    const rows = page.locator('#alignment tbody tr');
    const total = report.alignment.length;
    expect(await page.locator('#alignment tbody tr:visible').count()).toBe(total);
    const dc = report.alignment[0]!.driftClass;
    await page.locator(`input[name="drift"][value="${dc}"]`).uncheck();
    expect(await page.locator('#alignment tbody tr:visible').count()).toBe(report.alignment.filter((l) => l.driftClass !== dc).length);
    expect(await page.locator('#strip a.dim').count()).toBeGreaterThan(0);
    await page.locator(`input[name="drift"][value="${dc}"]`).check();

    await page.locator('input[name="only"]').check();
    const withFindings = await rows.evaluateAll((trs) => trs.filter((tr) => (tr.getAttribute('data-finding') ?? '') !== '').length);
    if (report.findings.some((f) => f.reference || f.candidate)) expect(withFindings).toBeGreaterThan(0);
    expect(await page.locator('#alignment tbody tr:visible').count()).toBe(withFindings);
    expect(await page.locator('#filter-state').textContent()).toBe('(1 active)');
    await page.context().close();
  });

  it('moves between findings with j/k and the buttons, focusing the mark and showing its evidence', async () => {
    const { page } = await load(renderHtml(report), 'report.html');
    const inReadingOrder = await page
      .locator('#alignment mark[data-finding]')
      .evaluateAll((ms) => [...new Set(ms.flatMap((m) => m.getAttribute('data-finding')!.split(' ')))]);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-finding')?.split(' ') ?? []);
    if (inReadingOrder.length < 2) {
      // Too few marked findings to step between (a related or unrelated candidate): j says so or stays put.
      await page.keyboard.press('j');
      if (inReadingOrder.length === 0) expect(await page.locator('#status').textContent()).toBe('No finding matches the filters');
      else expect(await focused()).toContain(inReadingOrder[0]);
      return page.context().close();
    }
    await page.keyboard.press('j');
    expect(await focused()).toContain(inReadingOrder[0]);
    await page.keyboard.press('j');
    expect(await focused()).toContain(inReadingOrder[1]);
    expect(await page.locator('#status').textContent()).toMatch(/^Finding 2 of \d+ \(row \d+\)$/);
    await page.keyboard.press('k');
    expect(await focused()).toContain(inReadingOrder[0]);
    await page.locator('#next').click();
    expect(await focused()).toContain(inReadingOrder[1]);
    await page.locator('#prev').click();
    expect(await focused()).toContain(inReadingOrder[0]);
    // The focused mark shows its tooltip and is described by its evidence entry.
    const tip = await page.evaluate(() => getComputedStyle(document.activeElement!, '::after').content);
    expect(tip.length).toBeGreaterThan(10);
    const described = await page.evaluate(() => document.activeElement!.getAttribute('aria-describedby')!.split(' ').every((id) => document.getElementById(id) !== null));
    expect(described).toBe(true);
    // The mark is in view after the jump.
    const box = (await page.locator(':focus').boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y).toBeLessThan(900);
    await page.context().close();
  });

  it('is readable with JavaScript off: everything shown, no dead controls', async () => {
    const { page, problems } = await load(renderHtml(report), 'report-nojs.html', { javaScriptEnabled: false });
    expect(await page.locator('#tools').isVisible()).toBe(false);
    expect(await page.locator('#alignment tbody tr:visible').count()).toBe(report.alignment.length);
    expect(await visibleFindingRows(page)).toBe(report.findings.length);
    const details = page.locator('#alignment details.fd').first();
    if ((await details.count()) > 0) {
      await details.locator('summary').click();
      expect(await details.locator('li[data-finding]').first().isVisible()).toBe(true);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('prints without the tools and with the whole findings table', async () => {
    const { page } = await load(renderHtml(report), 'report.html');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#tools').isVisible()).toBe(false);
    expect(await page.locator('#findings .scroll').evaluate((el) => getComputedStyle(el).maxHeight)).toBe('none');
    await page.context().close();
  });

  it('takes the review screenshot (1366×900; into reports/screenshot-report.png with UPDATE_SCREENSHOT=1)', async () => {
    const { page } = await load(renderHtml(report), 'report.html');
    // The committed screenshot shows the corpus report, never an ad-hoc one.
    const target = process.env.UPDATE_SCREENSHOT && !process.env.HTML_TEST_REPORT ? README_SCREENSHOT : join(dir, 'screenshot.png');
    mkdirSync(join(target, '..'), { recursive: true });
    const png = await page.screenshot({ path: target });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1366);
    expect(png.readUInt32BE(20)).toBe(900);
    await page.context().close();
  });

  it('runs nothing from hostile input and shows it as text, layout intact', async () => {
    const hostile = hostileReport();
    const { page, dialogs, problems, requests } = await load(renderHtml(hostile), 'hostile.html');
    await page.locator('#alignment mark').first().hover();
    await page.keyboard.press('j');
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(await page.locator('img, iframe, object, embed, textarea, #escaped').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const h of hrefs) expect(h).toMatch(/^#/);
    const withHandlers = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length);
    expect(withHandlers).toBe(0);

    const cand = await page.locator('#alignment td.cand').allInnerTexts();
    const text = cand.join('\n');
    for (const s of [HOSTILE.script, HOSTILE.img, HOSTILE.textarea, HOSTILE.link, HOSTILE.template, HOSTILE.attr]) expect(text).toContain(s);
    expect(text).toContain('admin⟦U+202E⟧ gnp.exe⟦U+202C⟧ done ⟦U+2066⟧iso⟦U+2069⟧');
    expect(await page.title()).toContain(HOSTILE.attr);
    expect(await page.locator('header').innerText()).toContain(`ref${HOSTILE.script}.txt`);

    // Layout holds: one row per link, four cells each, no sideways scrolling.
    expect(await page.locator('#alignment tbody tr').count()).toBe(hostile.alignment.length);
    const cellCounts = await page.locator('#alignment tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children.length));
    expect(new Set(cellCounts)).toEqual(new Set([4]));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.context().close();
  });

  it('sorts the batch index by a column from the keyboard, failed pairs last', async () => {
    const entry = (name: string, drift: number, critical: number) => ({
      href: `${name}.html`, reference: 'ref.txt', candidate: `${name}.txt`, verdict: 'translation' as const, drift,
      scores: { chrF: 100 - drift * 50, bleu: 30, ter: drift * 100 }, counts: { critical, major: 0, minor: 0 },
    });
    const html = renderIndex([
      entry('a', 0.3, 2),
      { href: 'x.html', reference: 'ref.txt', candidate: 'x.txt', verdict: null, drift: null, scores: null, counts: null, error: 'x.txt: is empty' },
      entry('b', 0.9, 0),
      entry('c', 0.1, 11),
    ]);
    const { page, problems } = await load(html, 'index.html');
    const order = () => page.locator('tbody tr td:nth-child(3)').evaluateAll((tds) => tds.map((td) => td.textContent));
    expect(await order()).toEqual(['a.txt', 'x.txt', 'b.txt', 'c.txt']);
    await page.getByRole('button', { name: /Drift/ }).focus();
    await page.keyboard.press('Enter');
    expect(await order()).toEqual(['c.txt', 'a.txt', 'b.txt', 'x.txt']);
    expect(await page.locator('th[aria-sort]').evaluateAll((ths) => ths.map((th) => [th.textContent, th.getAttribute('aria-sort')]))).toEqual([['Drift', 'ascending']]);
    await page.keyboard.press('Enter');
    expect(await order()).toEqual(['b.txt', 'a.txt', 'c.txt', 'x.txt']);
    await page.getByRole('button', { name: /Critical/ }).click();
    expect(await order()).toEqual(['b.txt', 'a.txt', 'c.txt', 'x.txt']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('sorts the batch index by gate: failed pairs first, with their reasons readable', async () => {
    const entry = (name: string, gate: string[]) => ({
      href: `${name}.html`, reference: 'ref.txt', candidate: `${name}.txt`, verdict: 'translation' as const, drift: 0.2,
      scores: { chrF: 80, bleu: 30, ter: 20 }, counts: { critical: gate.length, major: 0, minor: 0 }, gate,
    });
    const html = renderIndex([entry('a', []), entry('b', ['1 finding(s) at or above major']), entry('c', [])]);
    const { page, problems } = await load(html, 'index.html');
    const order = () => page.locator('tbody tr td:nth-child(3)').evaluateAll((tds) => tds.map((td) => td.textContent));
    await page.getByRole('button', { name: /Gate/ }).click();
    expect(await order()).toEqual(['b.txt', 'a.txt', 'c.txt']);
    expect(await page.locator('tbody tr').first().locator('.why').innerText()).toBe('1 finding(s) at or above major');
    expect(await page.locator('.gate.fail').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps the batch index inert too', async () => {
    const html = renderIndex([
      { href: 'javascript:window.__pwned=1', reference: HOSTILE.script, candidate: HOSTILE.img, verdict: 'translation', drift: 0.5, scores: { chrF: 50, bleu: 20, ter: 60 }, counts: { critical: 1, major: 0, minor: 2 } },
      { href: 'report-1.html', reference: 'a.txt', candidate: HOSTILE.bidi, verdict: 'related', drift: 0.7, scores: { chrF: 30, bleu: 5, ter: 90 }, counts: { critical: 0, major: 0, minor: 0 } },
      { href: 'report-2.html', reference: 'b.txt', candidate: 'c.txt', verdict: null, drift: null, scores: null, counts: null, error: HOSTILE.textarea },
    ]);
    const { page, dialogs, problems, requests } = await load(html, 'index.html');
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['report-1.html']);
    expect(await page.locator('main').innerText()).toContain(HOSTILE.script);
    expect(await page.locator('tr.err').innerText()).toContain(HOSTILE.textarea);
    expect(await page.locator('#escaped, img').count()).toBe(0);
    await page.context().close();
  });
});
