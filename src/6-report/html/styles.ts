/**
 * The page's one stylesheet, inlined (the report must open from file:// with no network, and the CSP
 * blocks every external resource). The palette is a table so that a unit test can check every
 * text/background pair against WCAG 2.2 AA (4.5:1 for text, 3:1 for borders that carry meaning).
 */

export const PALETTE = {
  text: '#1f2328',
  muted: '#59636e',
  bg: '#ffffff',
  panel: '#f6f8fa',
  rule: '#d1d9e0',
  link: '#0b5cad',
  focus: '#0b5cad',
  critical: '#b42318',
  major: '#965406',
  minor: '#1d4ed8',
  criticalBg: '#fde2e0',
  majorBg: '#fdebc8',
  minorBg: '#dbe7fd',
  delBg: '#ffebe9',
  delLine: '#b42318',
  insBg: '#dafbe1',
  insLine: '#116329',
  dcIdentical: '#e3f1e6',
  dcMinor: '#fbf3c4',
  dcMajor: '#fbc98e',
  dcMeaning: '#f59e96',
  dcOmitted: '#ffffff',
  dcAdded: '#cdd6fb',
  dcBoilerplate: '#e1e4e8',
  verdictTranslation: '#116329',
  verdictRelated: '#8a4b00',
  verdictUnrelated: '#b42318',
} as const;

/** Text/background pairs the page uses; the unit test checks each reaches 4.5:1. */
export const CONTRAST_PAIRS: ReadonlyArray<readonly [keyof typeof PALETTE, keyof typeof PALETTE]> = [
  ['text', 'bg'],
  ['muted', 'bg'],
  ['muted', 'panel'],
  ['text', 'panel'],
  ['link', 'bg'],
  ['link', 'panel'],
  ['bg', 'critical'],
  ['bg', 'major'],
  ['bg', 'minor'],
  ['text', 'criticalBg'],
  ['text', 'majorBg'],
  ['text', 'minorBg'],
  ['critical', 'criticalBg'],
  ['major', 'majorBg'],
  ['minor', 'minorBg'],
  ['critical', 'bg'],
  ['muted', 'criticalBg'],
  ['link', 'criticalBg'],
  ['text', 'delBg'],
  ['text', 'insBg'],
  ['text', 'dcIdentical'],
  ['text', 'dcMinor'],
  ['text', 'dcMajor'],
  ['text', 'dcMeaning'],
  ['text', 'dcOmitted'],
  ['text', 'dcAdded'],
  ['text', 'dcBoilerplate'],
  ['bg', 'verdictTranslation'],
  ['bg', 'verdictRelated'],
  ['bg', 'verdictUnrelated'],
];

const P = PALETTE;

/** Shared by the report and the batch index. */
export const BASE_CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",sans-serif;color:${P.text};background:${P.bg}}
a{color:${P.link}}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.86em}
:focus-visible{outline:3px solid ${P.focus};outline-offset:2px}
.wrap{max-width:1600px;margin:0 auto;padding:0 20px}
h1{font-size:1.3rem;margin:0}
h2{font-size:1.1rem;margin:0 0 .4rem}
.muted{color:${P.muted}}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.ctl{display:inline-block;padding:0 2px;margin:0 1px;border:1px solid ${P.critical};border-radius:3px;color:${P.critical};background:${P.bg};font:600 .75em/1.2 ui-monospace,Menlo,Consolas,monospace;direction:ltr;unicode-bidi:isolate}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:.8rem;font-weight:600;white-space:nowrap;line-height:1.45}
.sev-critical.badge{background:${P.critical};color:${P.bg}}
.sev-major.badge{background:${P.major};color:${P.bg}}
.sev-minor.badge{background:${P.minor};color:${P.bg}}
.sev-critical.badge::before{content:"▲▲ "}
.sev-major.badge::before{content:"▲ "}
.sev-minor.badge::before{content:"● "}
table{border-collapse:collapse}
th{text-align:left}
.verdict{margin:0;display:inline-block;padding:3px 10px;border-radius:4px;font-weight:700;color:${P.bg}}
.v-translation{background:${P.verdictTranslation}}
.v-related{background:${P.verdictRelated}}
.v-unrelated{background:${P.verdictUnrelated}}
.num{font-variant-numeric:tabular-nums;text-align:right}
`;

/** The single-report page. */
export const REPORT_CSS = `${BASE_CSS}
.top{background:${P.panel};border-bottom:1px solid ${P.rule};padding:10px 0 8px}
.top .wrap{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:6px 24px;align-items:start}
.docs{margin:2px 0 0;font-size:.9rem;overflow-wrap:anywhere}
.docs .arrow{margin:0 .3em;color:${P.muted}}
.sig{margin:3px 0 0;font-size:.78rem;color:${P.muted};display:flex;gap:8px;align-items:baseline}
.sig code{flex:0 1 auto;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:.95em}
.sig a{flex:none}
.figures{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;justify-content:flex-end}
.figures dl{display:flex;gap:14px;margin:0}
.figures dl div{text-align:center}
.figures dt{font-size:.78rem;color:${P.muted}}
.figures dd{margin:0;font-size:1.15rem;font-weight:700;font-variant-numeric:tabular-nums}
.counts{display:flex;gap:6px;list-style:none;margin:0;padding:0}
.counts .badge{font-size:.85rem;padding:3px 9px}
.counts .zero{opacity:1;background:${P.bg};color:${P.muted};border:1px solid ${P.rule}}
.counts .zero::before{content:""}
.alert{grid-column:1/-1;margin:4px 0 0;padding:6px 10px;border-left:4px solid ${P.critical};background:${P.criticalBg}}
.strip{grid-column:1/-1;margin-top:4px}
.strip h2{font-size:.8rem;font-weight:600;color:${P.muted};margin:0 0 3px;text-transform:uppercase;letter-spacing:.04em}
.strip ol{display:flex;flex-wrap:wrap;gap:2px;list-style:none;margin:0;padding:0}
.strip li{flex:1 1 0;min-width:14px;max-width:34px}
.strip li.nr{flex:.5 1 0;min-width:8px;max-width:16px}
.strip a{display:block;height:26px;border:1px solid ${P.muted};border-radius:2px;text-align:center;text-decoration:none;color:${P.text};font:700 12px/24px system-ui,sans-serif;overflow:hidden}
.strip a.ws-critical{box-shadow:inset 0 -5px 0 ${P.critical}}
.strip a.ws-major{box-shadow:inset 0 -4px 0 ${P.major}}
.strip a.ws-minor{box-shadow:inset 0 -3px 0 ${P.minor}}
.strip a.dim{opacity:.35}
.dc-identical{background:${P.dcIdentical}}
.dc-minor{background:${P.dcMinor}}
.dc-major{background:repeating-linear-gradient(135deg,${P.dcMajor} 0 5px,#f8b56a 5px 7px)}
.dc-meaning-changed{background:repeating-linear-gradient(45deg,${P.dcMeaning} 0 4px,#ee8a80 4px 6px),${P.dcMeaning}}
.dc-omitted{background:${P.dcOmitted};border-style:dashed!important;border-color:${P.critical}!important}
.dc-added{background:radial-gradient(circle,#aab7f0 1.2px,transparent 1.5px) 0 0/5px 5px,${P.dcAdded}}
.dc-boilerplate{background:repeating-linear-gradient(0deg,${P.dcBoilerplate} 0 3px,#cfd4da 3px 4px)}
.tools{position:sticky;top:0;z-index:5;background:${P.bg};border-bottom:1px solid ${P.rule};box-shadow:0 1px 3px rgba(0,0,0,.06)}
.tools .wrap{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;padding-top:4px;padding-bottom:4px}
.tools details{flex:1 1 auto}
.tools summary{cursor:pointer;font-weight:600;font-size:.9rem;padding:3px 0}
.tools form{display:flex;flex-direction:column;gap:4px;padding:4px 0}
.tools fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:2px 14px;align-items:center}
/* A floated legend sits inside the fieldset's flow, on the same line as its options. */
.tools legend{float:left;width:6.5em;padding:0;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:${P.muted}}
.tools label{font-size:.85rem;white-space:nowrap;cursor:pointer}
.tools .nav{margin-left:auto;display:flex;gap:6px;align-items:center}
.tools button{font:inherit;font-size:.85rem;padding:2px 10px;border:1px solid ${P.muted};border-radius:4px;background:${P.panel};color:${P.text};cursor:pointer}
.tools kbd{font:600 .75rem ui-monospace,monospace;border:1px solid ${P.rule};border-bottom-width:2px;border-radius:3px;padding:0 4px;background:${P.bg}}
#status{font-size:.82rem;color:${P.muted};min-width:10em}
main section{margin:14px 0}
.section-head{display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
.section-head p{margin:0;font-size:.85rem;color:${P.muted}}
.key del,.key ins,.key mark{color:${P.text};cursor:default}
.key kbd{font:600 .75rem ui-monospace,monospace;border:1px solid ${P.rule};border-bottom-width:2px;border-radius:3px;padding:0 4px}
.scroll{max-height:min(26rem,48vh);overflow:auto;border:1px solid ${P.rule};border-radius:4px}
table.findings{width:100%;font-size:.88rem}
table.findings th,table.findings td{padding:4px 8px;border-bottom:1px solid ${P.rule};vertical-align:top}
table.findings thead th{position:sticky;top:0;background:${P.panel};font-size:.78rem;text-transform:uppercase;letter-spacing:.03em;color:${P.muted};z-index:1}
table.findings td.what{overflow-wrap:anywhere}
table.findings .pair{overflow-wrap:anywhere;min-width:14em}
.pair .from{font-weight:600}
.pair .to{font-weight:600}
.pair .arrow{color:${P.muted};margin:0 .25em}
.pair .none{color:${P.muted};font-style:italic;font-weight:400}
.kind{font-weight:600;white-space:nowrap}
.rule{color:${P.muted};white-space:nowrap}
table.align{width:100%;table-layout:fixed}
table.align caption{text-align:left;font-size:.85rem;color:${P.muted};padding:0 0 6px}
table.align thead th{position:sticky;top:var(--tools-h,40px);background:${P.panel};font-size:.78rem;text-transform:uppercase;letter-spacing:.03em;color:${P.muted};padding:5px 8px;border-bottom:2px solid ${P.rule};z-index:2}
table.align col.c-row{width:6.2rem}
table.align col.c-drift{width:9.5rem}
table.align td,table.align th[scope=row]{padding:7px 8px;border-bottom:1px solid ${P.rule};vertical-align:top}
table.align td.txt{overflow-wrap:anywhere;line-height:1.55}
table.align th[scope=row]{font-weight:400;font-size:.8rem;color:${P.muted}}
table.align th[scope=row] a{font-weight:700;font-size:.95rem}
.shape{display:block}
.tag{display:inline-block;margin:2px 2px 0 0;padding:0 5px;border:1px solid ${P.muted};border-radius:3px;font-size:.72rem;font-weight:600;color:${P.text};background:${P.bg};text-transform:uppercase;letter-spacing:.03em}
tr.r-omitted td.ref,tr.r-added td.cand{background:${P.panel}}
tr.r-boilerplate td.txt{color:${P.muted};font-style:italic}
tr:target{outline:3px solid ${P.focus};outline-offset:-3px}
/* Links land below the sticky tool bar and table head, not under them. */
table.align tbody tr{scroll-margin-top:calc(var(--tools-h,40px) + 2.6rem)}
mark{scroll-margin:6rem 0}
tr.r-moved th[scope=row]{border-left:4px double ${P.muted}}
.empty{color:${P.muted};font-style:italic}
.dcb{display:inline-block;min-width:1.5em;padding:0 4px;border:1px solid ${P.muted};border-radius:3px;text-align:center;font-weight:700;font-size:.8rem}
.dcl{font-size:.82rem;font-weight:600}
.drift .v{font-variant-numeric:tabular-nums;font-size:.85rem}
.drift .sc{display:block;font-size:.75rem;color:${P.muted};font-variant-numeric:tabular-nums}
del{background:${P.delBg};text-decoration:line-through 2px ${P.delLine};color:${P.text}}
ins{background:${P.insBg};text-decoration:underline 2px ${P.insLine};text-underline-offset:3px;color:${P.text}}
mark{position:relative;color:${P.text};border-radius:2px;padding:1px 0;cursor:help}
mark.sev-critical{background:${P.criticalBg};border-bottom:3px solid ${P.critical}}
mark.sev-major{background:${P.majorBg};border-bottom:3px dashed ${P.major}}
mark.sev-minor{background:${P.minorBg};border-bottom:3px dotted ${P.minor}}
mark::before{content:attr(data-sym);font:700 .62rem/1 system-ui,sans-serif;vertical-align:super;margin-right:1px}
mark.sev-critical::before{color:${P.critical}}
mark.sev-major::before{color:${P.major}}
mark.sev-minor::before{color:${P.minor}}
mark.off{background:transparent;border-bottom-color:transparent}
mark.off::before{content:none}
mark[data-tip]:hover::after,mark[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:calc(100% + 4px);z-index:20;width:max-content;max-width:30em;padding:6px 9px;border-radius:4px;background:${P.text};color:${P.bg};font:400 .8rem/1.4 system-ui,sans-serif;white-space:pre-line;box-shadow:0 2px 8px rgba(0,0,0,.25);pointer-events:none}
mark.off:hover::after,mark.off:focus::after{content:none}
details.fd{margin-top:6px;font-size:.84rem}
details.fd summary{cursor:pointer;color:${P.link};font-weight:600}
details.fd ol{margin:4px 0 0;padding-left:1.3em}
details.fd li{margin:3px 0}
dl.ev{display:grid;grid-template-columns:auto 1fr;gap:0 10px;margin:2px 0 0;font-size:.8rem}
dl.ev dt{color:${P.muted}}
dl.ev dd{margin:0;overflow-wrap:anywhere}
.legend{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px;align-items:start}
.legend caption{text-align:left;font-weight:600;padding-bottom:4px}
.legend table{width:100%;font-size:.84rem}
.legend td,.legend th{padding:3px 6px;border-bottom:1px solid ${P.rule};vertical-align:top}
.legend .dcb{width:2.2em}
footer{border-top:1px solid ${P.rule};margin-top:20px;padding:10px 0 30px;font-size:.82rem;color:${P.muted}}
footer dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0}
footer dd{margin:0;overflow-wrap:anywhere}
[hidden]{display:none!important}
@media (max-width:1180px){.top .wrap{grid-template-columns:1fr}.figures{justify-content:flex-start}}
@media print{
  body{font-size:10.5pt}
  .top .wrap{grid-template-columns:1fr}
  .figures{justify-content:flex-start}
  .tools,.noprint{display:none!important}
  .sig code{white-space:normal;overflow-wrap:anywhere}
  .scroll{max-height:none;overflow:visible;border:0}
  table.align thead th,table.findings thead th{position:static}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  mark::after{content:none!important}
  a{color:inherit;text-decoration:none}
}
`;

/** The batch index page. */
export const INDEX_CSS = `${BASE_CSS}
.top{background:${P.panel};border-bottom:1px solid ${P.rule};padding:12px 0}
main{padding-top:12px}
table.idx{width:100%;font-size:.9rem}
table.idx th,table.idx td{padding:5px 8px;border-bottom:1px solid ${P.rule};vertical-align:top}
table.idx thead th{background:${P.panel};font-size:.8rem;color:${P.muted}}
table.idx .verdict{padding:0 8px;font-size:.82rem}
.top p{margin:4px 0 0}
table.idx td.path{overflow-wrap:anywhere}
table.idx tr.err td{background:${P.criticalBg}}
table.idx .gate{display:inline-block;padding:0 8px;border-radius:4px;font-size:.82rem;font-weight:700;color:${P.bg}}
table.idx .gate.pass{background:${P.verdictTranslation}}
table.idx .gate.fail{background:${P.verdictUnrelated}}
table.idx .gate.fail::before{content:"✗ "}
table.idx .why{display:block;font-size:.8rem;color:${P.muted}}
.zero{color:${P.muted}}
button.sort{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit;width:100%}
button.sort::after{content:' ⇅';opacity:.6}
th[aria-sort=ascending] button.sort::after{content:' ▲';opacity:1}
th[aria-sort=descending] button.sort::after{content:' ▼';opacity:1}
@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}button.sort::after{content:''}}
`;
