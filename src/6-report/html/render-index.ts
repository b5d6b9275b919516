import type { Report, Scores, SeverityCounts, Verdict } from '../../types.js';
import { SEVERITIES } from '../../types.js';
import { escapeAttr, escapeText, safeHref } from './escape.js';
import { cls, fmt, page } from './page.js';
import { INDEX_CSS } from './styles.js';

/**
 * One line of the batch index: a pair that was audited and where its HTML report is. When the audit of a
 * pair failed, `error` says why and the figures are null.
 */
export interface IndexEntry {
  /** Relative link to the pair's HTML report (a scheme or network path is refused and shown unlinked). */
  href: string;
  /** Reference path as given on the command line. */
  reference: string;
  /** Candidate path as given on the command line. */
  candidate: string;
  verdict: Verdict | null;
  drift: number | null;
  scores: Scores | null;
  counts: SeverityCounts | null;
  /**
   * Why the pair failed the CI gate (`failOn`, `maxDrift`, `maxOmitted`); empty when it passed, absent when
   * no gate was evaluated. A reviewer of a batch looks for these rows first.
   */
  gate?: readonly string[];
  /** Why the pair has no report (unreadable file, budget, crash); absent on success. */
  error?: string;
}

/** The index line of one report, for callers that have the report in hand (`gate`: its gate failures). */
export function indexEntry(report: Report, href: string, gate?: readonly string[]): IndexEntry {
  return {
    href,
    reference: report.reference.path,
    candidate: report.candidate.path,
    verdict: report.summary.verdict,
    drift: report.summary.drift,
    scores: report.summary.scores,
    counts: report.summary.counts,
    ...(gate ? { gate } : {}),
  };
}

/** The batch index: one table row per audited pair, in the order given, with sortable columns. */
export function renderIndex(entries: readonly IndexEntry[]): string {
  const totals: SeverityCounts = { critical: 0, major: 0, minor: 0 };
  for (const e of entries) if (e.counts) for (const s of SEVERITIES) totals[s] += e.counts[s] ?? 0;
  const failed = entries.filter((e) => e.error !== undefined).length;
  // The gate column appears when the gate was evaluated (the CLI always does; a library caller may not).
  const gated = entries.some((e) => e.gate !== undefined);
  const gateFailed = entries.filter((e) => e.gate !== undefined && e.gate.length > 0).length;
  const rows = entries.map((e, i) => {
    const href = safeHref(e.href);
    // The report's own name (`<ref-stem>--<cand-stem>`) says which pair it is; the row number is the fallback.
    const stem = e.href.replace(/^.*\//, '').replace(/\.html?$/i, '');
    const label = stem ? escapeText(stem) : `Report ${i + 1}`;
    const link = href === null ? `<span title="${escapeAttr(`unsafe link not shown: ${e.href}`)}">${label}</span>` : `<a href="${escapeAttr(href)}">${label}</a>`;
    const paths = `<td class="path"><code>${escapeText(e.reference)}</code></td><td class="path"><code>${escapeText(e.candidate)}</code></td>`;
    if (e.error !== undefined) {
      return `<tr class="err"><th scope="row">${label}</th>${paths}<td colspan="${gated ? 9 : 8}"><strong>Failed:</strong> ${escapeText(e.error)}</td></tr>`;
    }
    const counts = SEVERITIES.map((s) => {
      const n = e.counts?.[s] ?? 0;
      return `<td class="num${n === 0 ? ' zero' : ''}">${n}</td>`;
    }).join('');
    const verdict = e.verdict === null ? '–' : `<span class="verdict v-${cls(String(e.verdict))}">${escapeText(String(e.verdict))}</span>`;
    const gate = !gated ? '' : `<td>${gateCell(e.gate)}</td>`;
    return (
      `<tr><th scope="row">${link}</th>${paths}<td>${verdict}</td>${gate}<td class="num">${fmt(e.drift, 2)}</td>` +
      `<td class="num">${fmt(e.scores?.chrF, 1)}</td><td class="num">${fmt(e.scores?.bleu, 1)}</td><td class="num">${fmt(e.scores?.ter, 1)}</td>${counts}</tr>`
    );
  });
  const body =
    '<header class="top"><div class="wrap"><h1>Fidelity reports</h1>' +
    `<p class="muted">${entries.length} pair${entries.length === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''}` +
    `${gated ? `, ${gateFailed} failed the gate` : ''} · ` +
    `${totals.critical} critical, ${totals.major} major, ${totals.minor} minor findings</p></div></header>\n` +
    '<main class="wrap"><table class="idx"><caption class="visually-hidden">Audited pairs</caption>' +
    '<thead><tr><th scope="col">Report</th><th scope="col">Reference</th><th scope="col">Candidate</th><th scope="col">Verdict</th>' +
    (gated ? '<th scope="col">Gate</th>' : '') +
    '<th scope="col" class="num">Drift</th><th scope="col" class="num">chrF</th><th scope="col" class="num">BLEU</th><th scope="col" class="num">TER</th>' +
    '<th scope="col" class="num">Critical</th><th scope="col" class="num">Major</th><th scope="col" class="num">Minor</th></tr></thead>\n<tbody>\n' +
    rows.join('\n') +
    '\n</tbody></table></main>\n';
  return page({ title: 'fidelity: reports', css: INDEX_CSS, body, script: SORT_SCRIPT });
}

/** The gate cell: "passed", or "failed" with the reasons (sorting by the column puts failures first). */
function gateCell(reasons: readonly string[] | undefined): string {
  if (reasons === undefined) return '–';
  if (reasons.length === 0) return '<span class="gate pass">passed</span>';
  return `<span class="gate fail">failed</span> <span class="why">${escapeText(reasons.join('; '))}</span>`;
}

/**
 * Sortable columns, as progressive enhancement: without JavaScript the table reads in batch order. Each column
 * header gets a button (keyboard reachable) that sorts the rows by that column, numbers as numbers, and
 * toggles the direction; `aria-sort` tells assistive technology the state. Rows of failed pairs stay last.
 */
const SORT_SCRIPT = `(function () {
  var table = document.querySelector('table.idx');
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var original = Array.prototype.slice.call(body.rows);
  function key(row, col) {
    var cell = row.cells[col];
    var text = cell ? cell.textContent.trim() : '';
    var n = parseFloat(text);
    return isNaN(n) || !/^-?[0-9.]+$/.test(text) ? text.toLowerCase() : n;
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      var rows = original.filter(function (r) { return !r.classList.contains('err'); });
      var failed = original.filter(function (r) { return r.classList.contains('err'); });
      if (col > 0) rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col);
        var c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === 'number' ? -1 : 1;
        return dir === 'ascending' ? c : -c;
      });
      else if (dir === 'descending') rows.reverse();
      rows.concat(failed).forEach(function (r) { body.appendChild(r); });
    });
  });
})();`;
