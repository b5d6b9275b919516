/**
 * The report page's script: progressive enhancement only. With JavaScript off the page shows everything
 * (all rows, all findings, evidence in <details>); the script adds the filters, j/k navigation between
 * findings and opening the evidence panels for printing. Plain ES2017 without modules so that it runs from
 * file:// and its SHA-256 can be pinned in the CSP (no 'unsafe-inline' for scripts: even a missed escape
 * could not run an injected <script>).
 */
export const CLIENT_JS = `(function () {
  'use strict';
  var d = document;
  var tools = d.getElementById('tools');
  var form = d.getElementById('filters');
  var status = d.getElementById('status');
  var state = d.getElementById('filter-state');
  if (!tools || !form || !status) return;
  tools.hidden = false;
  Array.prototype.forEach.call(d.querySelectorAll('.needs-js'), function (el) { el.hidden = false; });
  var setToolsHeight = function () { d.documentElement.style.setProperty('--tools-h', tools.offsetHeight + 'px'); };
  setToolsHeight();
  window.addEventListener('resize', setToolsHeight);

  var all = function (sel, root) { return Array.prototype.slice.call((root || d).querySelectorAll(sel)); };
  var ids = function (el) { return (el.getAttribute('data-finding') || '').split(' ').filter(Boolean); };
  var frows = all('#findings tbody tr[data-finding]');
  var rows = all('#alignment tbody tr');
  var marks = all('#alignment mark[data-finding]');
  var items = all('#alignment li[data-finding]');
  var strip = all('#strip a[data-row]');
  var meta = {};
  frows.forEach(function (r) { meta[r.getAttribute('data-finding')] = { sev: r.getAttribute('data-sev'), kind: r.getAttribute('data-kind') }; });

  // Findings in reading order: the first mark of each finding in the aligned table.
  var order = [];
  var firstMark = {};
  marks.forEach(function (m) {
    ids(m).forEach(function (i) { if (!(i in firstMark)) { firstMark[i] = m; order.push(i); } });
  });
  var on = {};
  var current = -1;

  var checked = function (name) {
    var s = {};
    all('input[name="' + name + '"]', form).forEach(function (i) { if (i.checked) s[i.value] = true; });
    return s;
  };
  var anyOn = function (el) { return ids(el).some(function (i) { return on[i]; }); };
  var rowOf = function (el) { while (el && el.tagName !== 'TR') el = el.parentElement; return el; };
  var visible = function (i) { var m = firstMark[i]; var r = m && rowOf(m); return on[i] && r && !r.hidden; };

  function apply() {
    var sev = checked('sev'), kind = checked('kind'), drift = checked('drift');
    var only = form.elements.namedItem('only').checked;
    on = {};
    var nf = 0;
    frows.forEach(function (r) {
      var i = r.getAttribute('data-finding');
      var ok = !!(sev[meta[i].sev] && kind[meta[i].kind]);
      r.hidden = !ok;
      if (ok) { on[i] = true; nf++; }
    });
    marks.forEach(function (m) { m.classList.toggle('off', !anyOn(m)); });
    items.forEach(function (li) { li.hidden = !anyOn(li); });
    var nr = 0;
    rows.forEach(function (r) {
      var show = !!drift[r.getAttribute('data-drift')] && (!only || anyOn(r));
      r.hidden = !show;
      if (show) nr++;
    });
    strip.forEach(function (a) {
      var r = d.getElementById(a.getAttribute('data-row'));
      a.classList.toggle('dim', !!(r && r.hidden));
    });
    status.textContent = nr + ' of ' + rows.length + ' rows, ' + nf + ' of ' + frows.length + ' findings shown';
    var off = all('input[type=checkbox]', form).filter(function (i) { return i.name === 'only' ? i.checked : !i.checked; }).length;
    if (state) state.textContent = off === 0 ? '(everything shown)' : '(' + off + ' active)';
  }

  function go(step) {
    var n = order.length;
    for (var k = 1; k <= n; k++) {
      var j = ((current + step * k) % n + n) % n;
      if (visible(order[j])) {
        current = j;
        var m = firstMark[order[j]];
        m.focus({ preventScroll: true });
        m.scrollIntoView({ block: 'center' });
        var pos = 0, total = 0;
        order.forEach(function (i, x) { if (visible(i)) { total++; if (x <= j) pos++; } });
        status.textContent = 'Finding ' + pos + ' of ' + total + ' (row ' + rowOf(m).getAttribute('data-n') + ')';
        return;
      }
    }
    status.textContent = 'No finding matches the filters';
  }

  form.addEventListener('change', apply);
  d.getElementById('next').addEventListener('click', function () { go(1); });
  d.getElementById('prev').addEventListener('click', function () { go(-1); });
  marks.forEach(function (m) {
    m.addEventListener('focus', function () { var x = order.indexOf(ids(m)[0]); if (x >= 0) current = x; });
  });
  d.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) || (t.tagName === 'INPUT' && !/^(checkbox|radio|button)$/.test(t.type)))) return;
    if (e.key === 'j') { go(1); e.preventDefault(); }
    else if (e.key === 'k') { go(-1); e.preventDefault(); }
  });

  // Printing shows every evidence panel, then puts them back as the reviewer left them.
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = all('details:not([open])');
    closed.forEach(function (x) { x.open = true; });
  });
  window.addEventListener('afterprint', function () { closed.forEach(function (x) { x.open = false; }); closed = []; });
  apply();
})();
`;
