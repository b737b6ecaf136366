/**
 * The review page: one static HTML file that opens from disk (no server, no network). Markup is built
 * here, so the page reads without script; a few lines of inline script add the record ↔ box highlight,
 * #hash links and the filters.
 */
import type { CheckView, PageView, RecordView, ReviewModel, Status } from './data.js';

const STATUS_TEXT: Record<Status, string> = { error: 'failed check', warning: 'failed check (warning)', low_confidence: 'low OCR confidence', ok: 'ok' };

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `images`: the src of each page's image (a data: URI or a relative file name). */
export function renderHtml(m: ReviewModel, images: Map<number, string>): string {
  const title = `${m.doc_id} — review`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(m.department ?? m.doc_id)} ${esc(m.year ?? '')}</h1>
<p class="src">${esc(m.file)} · ${m.pageCount} pages · sha256 ${esc(m.sha256.slice(0, 12))}… · doc_id ${esc(m.doc_id)}</p>
<div class="filters">
<label><input type="checkbox" id="only-failed"> only failed checks</label>
<label><input type="checkbox" id="hide-empty"> hide pages without records</label>
<span class="legend">${(['ok', 'error', 'warning', 'low_confidence'] as Status[]).map((s) => `<span class="key st-${s}"></span>${esc(STATUS_TEXT[s])}`).join(' ')}</span>
</div>
</header>
${summary(m)}
<main>
${m.pages.map((p) => page(p, m, images.get(p.page))).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function summary(m: ReviewModel): string {
  const total = m.kinds.reduce((a, k) => a + k.count, 0);
  const boxed = m.kinds.reduce((a, k) => a + k.boxed, 0);
  const errors = m.checks.filter((c) => c.severity === 'error').length;
  const kinds = m.kinds.map((k) => `<tr><td>${esc(k.kind)}</td><td class="n">${k.count}</td><td class="n">${k.boxed}</td><td class="n">${k.failed}</td></tr>`).join('');
  const checks = m.checks.map((c) => `<li class="sev-${c.severity}">${checkLink(c)} <span class="muted">p.${c.page}</span> ${esc(c.message)}${c.records.length ? '' : ' <em>(not placed on a record)</em>'}</li>`).join('');
  const pages = m.pages.map((p) => `<a href="#p${p.page}" class="${p.failed ? 'has-failed' : p.records.length ? 'has-records' : ''}${p.unreadable ? ' unreadable' : ''}" title="${p.records.length} records, ${p.failed} failed">${p.page}</a>`).join('');
  return `<section id="summary">
<div class="card"><h2>Records</h2><table class="kinds"><tr><th>kind</th><th>records</th><th>with box</th><th>failed</th></tr>${kinds}<tr class="total"><td>total</td><td class="n">${total}</td><td class="n">${boxed}</td><td class="n">${m.kinds.reduce((a, k) => a + k.failed, 0)}</td></tr></table></div>
<div class="card"><h2>Checks failed: ${errors} errors, ${m.checks.length - errors} warnings</h2><ul class="checks">${checks || '<li>none</li>'}</ul></div>
<div class="card"><h2>Pages</h2><p>${m.unreadable.length ? `Unreadable (no usable text layer): ${m.unreadable.map((u) => `<a href="#p${u.page}">p.${u.page}</a> ${esc(u.reason)}`).join('; ')}` : 'No unreadable pages.'} ${m.ocrPages.length ? `OCR pages: ${m.ocrPages.join(', ')}.` : 'No OCR pages.'}</p><nav class="pages">${pages}</nav></div>
</section>`;
}

function checkLink(c: CheckView): string {
  return c.records.length ? `<a href="#${c.records[0]}" class="check">${esc(c.check)}</a> <code>${esc(c.subject)}</code>` : `<a href="#p${c.page}" class="check">${esc(c.check)}</a> <code>${esc(c.subject)}</code>`;
}

function pct(n: number, of: number): string {
  return `${((n / of) * 100).toFixed(3)}%`;
}

function page(p: PageView, m: ReviewModel, src: string | undefined): string {
  const classes = ['page', p.failed ? 'has-failed' : '', p.records.length ? 'has-records' : ''].filter(Boolean).join(' ');
  const notes = [p.unreadable ? `unreadable: ${p.unreadable}` : '', p.ocr ? 'OCR page' : ''].filter(Boolean).join(' · ');
  // Big boxes first, so the small ones inside them are on top and take the click.
  const drawn = p.records.filter((r) => r.box).sort((a, b) => b.box!.width * b.box!.height - a.box!.width * a.box!.height);
  const boxes = drawn.map((r) => {
    const b = r.box!;
    return `<a class="box rec st-${r.status}" data-id="${r.id}" href="#${r.id}" style="left:${pct(b.left, p.width)};top:${pct(b.top, p.height)};width:${pct(b.width, p.width)};height:${pct(b.height, p.height)}" title="${esc(`${r.label}: ${r.value}`)}"></a>`;
  });
  const image = src && p.rendered
    ? `<div class="sheet" style="aspect-ratio:${p.width}/${p.height}"><img src="${esc(src)}" width="${p.width}" height="${p.height}" loading="lazy" alt="page ${p.page}">${boxes.join('')}</div>`
    : `<div class="sheet missing">no image of this page</div>`;
  const unplaced = p.unplaced.map((i) => m.checks[i]).map((c) => `<li class="sev-${c.severity}">${esc(c.check)} <code>${esc(c.subject)}</code>: ${esc(c.message)}</li>`).join('');
  return `<section class="${classes}" id="p${p.page}">
<h2>Page ${p.page} <span class="muted">${p.records.length} records${p.failed ? `, <b class="fail">${p.failed} failed</b>` : ''}${notes ? ` · ${esc(notes)}` : ''}</span></h2>
<div class="cols">
${image}
<div class="side">
${p.records.length ? `<table class="records"><thead><tr><th>kind</th><th>label</th><th>value</th><th>status</th><th>source text</th></tr></thead><tbody>${p.records.map((r) => row(r, m)).join('')}</tbody></table>` : '<p class="muted">No records on this page.</p>'}
${unplaced ? `<p>Checks on this page not placed on a record:</p><ul class="checks">${unplaced}</ul>` : ''}
</div>
</div>
</section>`;
}

function row(r: RecordView, m: ReviewModel): string {
  const checks = r.checks.map((i) => m.checks[i]).map((c) => `<div class="sev-${c.severity}">${esc(c.check)}: ${esc(c.message)}</div>`).join('');
  const conf = r.confidence !== null ? ` <span class="muted">(${(r.confidence * 100).toFixed(0)}%)</span>` : '';
  return `<tr class="rec st-${r.status}" id="${r.id}" data-id="${r.id}"><td>${esc(r.kind)}<div class="nk">${esc(r.key)}</div></td><td>${esc(r.label)}${r.detail ? `<div class="muted">${esc(r.detail)}</div>` : ''}</td><td class="v">${esc(r.value)}</td><td><span class="key st-${r.status}"></span>${esc(STATUS_TEXT[r.status])}${conf}${checks}${r.box ? '' : '<div class="muted">no box</div>'}</td><td class="st">${esc(r.source_text)}</td></tr>`;
}

const CSS = `
:root{--ok:#2e7d32;--error:#d32f2f;--warning:#ef6c00;--low_confidence:#7b1fa2;--active:#1565c0}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#222;background:#f3f3f3}
header{position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #ccc;padding:6px 16px}
header h1{font-size:18px;margin:0}
.src,.muted{color:#666;font-size:12px}
.filters{display:flex;gap:18px;align-items:center;flex-wrap:wrap;font-size:13px}
.legend .key{margin-left:10px}
.key{display:inline-block;width:10px;height:10px;border:2px solid;margin-right:4px;vertical-align:-1px}
.key.st-ok{border-color:var(--ok)}.key.st-error{border-color:var(--error);background:var(--error)}.key.st-warning{border-color:var(--warning);background:var(--warning)}.key.st-low_confidence{border-color:var(--low_confidence)}
#summary{display:flex;flex-wrap:wrap;gap:12px;padding:12px 16px}
.card{background:#fff;border:1px solid #ddd;border-radius:4px;padding:8px 12px;flex:1 1 320px}
.card h2{font-size:15px;margin:0 0 6px}
.kinds td,.kinds th{padding:1px 10px 1px 0;text-align:left}.n{text-align:right!important}.total td{border-top:1px solid #ccc;font-weight:600}
ul.checks{margin:0;padding-left:18px;max-height:220px;overflow:auto}
.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}
nav.pages a{display:inline-block;min-width:26px;text-align:center;margin:1px;padding:1px 3px;border:1px solid #ccc;border-radius:3px;text-decoration:none;color:#555}
nav.pages a.has-records{border-color:var(--ok);color:var(--ok)}nav.pages a.has-failed{border-color:var(--error);color:#fff;background:var(--error)}nav.pages a.unreadable{border-style:dashed}
section.page{background:#fff;margin:12px 16px;border:1px solid #ddd;border-radius:4px;padding:8px 12px}
section.page h2{font-size:16px;margin:0 0 8px}
.fail{color:var(--error)}
.cols{display:flex;gap:14px;align-items:flex-start}
.sheet{position:relative;flex:0 0 auto;width:min(55vw,900px);border:1px solid #bbb;box-shadow:0 1px 3px #0002}
.sheet img{display:block;width:100%;height:auto}
.sheet.missing{width:300px;height:120px;display:flex;align-items:center;justify-content:center;color:#888}
.box{position:absolute;border:2px solid var(--ok);background:transparent;cursor:pointer}
.box.st-error{border-color:var(--error);background:#d32f2f1a}.box.st-warning{border-color:var(--warning);background:#ef6c001a}.box.st-low_confidence{border-color:var(--low_confidence);border-style:dashed}
.box:hover{background:#1565c022}
.box.active{border:3px solid var(--active);background:#1565c033;box-shadow:0 0 0 3px #ffeb3b;z-index:5}
.side{flex:1 1 auto;min-width:0;max-height:calc(100vh - 120px);overflow:auto;position:sticky;top:90px}
table.records{border-collapse:collapse;width:100%;font-size:13px}
table.records th{position:sticky;top:0;background:#eee;text-align:left;padding:3px 6px}
table.records td{border-top:1px solid #e4e4e4;padding:3px 6px;vertical-align:top}
table.records tr{cursor:pointer;border-left:4px solid transparent}
tr.rec.st-ok{border-left-color:var(--ok)}tr.rec.st-error{border-left-color:var(--error)}tr.rec.st-warning{border-left-color:var(--warning)}tr.rec.st-low_confidence{border-left-color:var(--low_confidence)}
tr.rec:hover{background:#f5f9ff}
tr.rec.active{background:#fff59d;outline:2px solid var(--active)}
td.v{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:600}
td.st{color:#555;font-size:12px;max-width:22em}
.nk{color:#666;font-size:11px;word-break:break-word}
body.only-failed .rec.st-ok,body.only-failed .rec.st-low_confidence{display:none}
body.only-failed section.page:not(.has-failed){display:none}
body.hide-empty section.page:not(.has-records){display:none}
`;

// Plain ES5-style script: it must run from file:// in any browser, without modules.
const SCRIPT = `
(function(){
  function all(sel){return Array.prototype.slice.call(document.querySelectorAll(sel));}
  function select(id, scrollTo){
    all('.active').forEach(function(e){e.classList.remove('active');});
    var row=document.getElementById(id), box=document.querySelector('.box[data-id="'+id+'"]');
    if(row) row.classList.add('active');
    if(box) box.classList.add('active');
    if(scrollTo==='row'&&row) row.scrollIntoView({block:'nearest'});
    if(scrollTo==='box'&&box) box.scrollIntoView({block:'center'});
  }
  document.addEventListener('click', function(ev){
    var el=ev.target.closest('[data-id]');
    if(!el) return;
    ev.preventDefault();
    var id=el.getAttribute('data-id');
    history.replaceState(null,'','#'+id);
    // clicking a box scrolls its row into view and the other way round
    select(id, el.classList.contains('box')?'row':'box');
  });
  function fromHash(){
    var id=location.hash.slice(1);
    if(/^r\\d+$/.test(id)) select(id,'box');
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  [['only-failed','only-failed'],['hide-empty','hide-empty']].forEach(function(p){
    var cb=document.getElementById(p[0]);
    cb.addEventListener('change', function(){document.body.classList.toggle(p[1], cb.checked);});
  });
})();
`;
