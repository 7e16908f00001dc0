// Readout viewer: upload a document, follow its progress, and draw what Readout understood over each page image.
'use strict';
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = { header: '#1e88e5', question: '#fb8c00', answer: '#43a047', other: '#8e24aa' };
const state = { id: null, doc: null, page: 0, images: {}, service: null, evidence: [] };

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const key = $('api-key').value.trim();
  if (key) h['X-API-Key'] = key;
  return h;
}

async function api(path, options) {
  const o = Object.assign({}, options || {});
  o.headers = headers(o.headers);
  const r = await fetch(path, o);
  if (!r.ok) {
    let detail = r.status + ' ' + r.statusText;
    try { const p = await r.json(); detail = p.detail || p.title || detail; } catch (e) { /* not JSON */ }
    const err = new Error(detail);
    err.status = r.status;
    throw err;
  }
  return r;
}

function message(text) { $('message').textContent = text || ''; }

async function loadService() {
  try {
    const s = await (await api('/v1/service')).json();
    state.service = s;
    $('service-state').textContent = s.ready ? 'ready · stages: ' + s.stages.join(', ') : 'loading models…';
    $('qa').hidden = !s.questions;
    $('invoice-option').hidden = !s.invoice;
    if (!s.ready) setTimeout(loadService, 1000);
  } catch (e) {
    $('service-state').textContent = e.status === 401 ? 'needs an API key' : 'unreachable: ' + e.message;
    if (e.status === 401) $('key-box').open = true;
  }
}

async function loadRecent() {
  try {
    const list = await (await api('/v1/documents?size=10')).json();
    const ul = $('recent');
    ul.replaceChildren();
    for (const j of list.items) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.textContent = j.name + ' (' + j.status + ')';
      a.onclick = () => follow(j.id);
      li.append(a);
      ul.append(li);
    }
  } catch (e) { /* the list is a convenience */ }
}

$('upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = $('file').files[0];
  if (!f) return;
  const form = new FormData();
  form.append('file', f, f.name);
  const q = new URLSearchParams({ ocr: $('ocr').value, lang: $('lang').value.trim() || 'eng' });
  if ($('pages').value.trim()) q.set('pages', $('pages').value.trim());
  if ($('want-invoice').checked) q.set('invoice', 'true');
  $('upload').disabled = true;
  message('Uploading ' + f.name + '…');
  try {
    const job = await (await api('/v1/documents?' + q, { method: 'POST', body: form })).json();
    follow(job.id);
  } catch (e) {
    message('Upload refused: ' + e.message);
  } finally {
    $('upload').disabled = false;
  }
});

async function follow(id) {
  state.id = id; state.doc = null; state.page = 0; state.images = {}; state.evidence = [];
  $('job').hidden = false;
  $('errors').replaceChildren();
  $('exports').replaceChildren();
  $('page-img').removeAttribute('src');
  $('overlay').replaceChildren();
  $('invoice').hidden = true;
  $('answer').replaceChildren();
  for (;;) {
    if (state.id !== id) return;
    let j;
    try {
      j = await (await api('/v1/documents/' + id + '?result=false')).json();
    } catch (e) { message('Cannot read the job: ' + e.message); return; }
    $('job-name').textContent = j.name;
    $('status').textContent = j.status;
    const total = j.progress.pagesTotal;
    $('progress').max = Math.max(1, total);
    $('progress').value = j.progress.pagesDone;
    $('progress-text').textContent = total ? j.progress.pagesDone + ' / ' + total + ' pages' : '';
    if (['succeeded', 'partial', 'failed'].includes(j.status)) break;
    message('Processing…');
    await new Promise((r) => setTimeout(r, 400));
  }
  const j = await (await api('/v1/documents/' + id)).json();
  for (const e of j.errors || []) {
    const li = document.createElement('li');
    li.textContent = (e.page ? 'page ' + e.page + ': ' : '') + e.message + ' (' + e.code + ')';
    $('errors').append(li);
  }
  loadRecent();
  if (!j.result || !j.result.pages.length) { message('No page could be read.'); return; }
  state.doc = j.result;
  for (const fmt of state.service ? state.service.exportFormats : ['text']) {
    const a = document.createElement('button');
    a.type = 'button';
    a.textContent = fmt;
    a.onclick = () => download(fmt);
    $('exports').append(a, ' ');
  }
  $('layers').hidden = false;
  $('pager').hidden = false;
  invoice(j.invoice);
  legend();
  message('');
  showPage(0);
}

async function download(fmt) {
  const r = await api('/v1/documents/' + state.id + '/export?format=' + fmt);
  const url = URL.createObjectURL(await r.blob());
  window.open(url, '_blank');
}

function legend() {
  const labels = new Set();
  for (const p of state.doc.pages) for (const e of p.entities) labels.add(e.label.toLowerCase());
  const l = $('legend');
  l.replaceChildren();
  for (const name of labels) {
    const s = document.createElement('span');
    const i = document.createElement('i');
    i.style.background = colour(name);
    s.append(i, name);
    l.append(s);
  }
}

function colour(label) { return COLOURS[label.toLowerCase()] || COLOURS.other; }

async function showPage(i) {
  const p = state.doc.pages[i];
  state.page = i;
  $('page-label').textContent = 'page ' + p.number + ' (' + (i + 1) + ' of ' + state.doc.pages.length + ')';
  $('prev').disabled = i === 0;
  $('next').disabled = i === state.doc.pages.length - 1;
  const img = $('page-img');
  img.removeAttribute('src');
  draw(p);
  pairs(p);
  if (!state.images[p.number]) {
    const r = await api('/v1/documents/' + state.id + '/pages/' + p.number + '/image');
    state.images[p.number] = URL.createObjectURL(await r.blob());
  }
  if (state.page === i) {
    img.onload = () => img.setAttribute('data-loaded', 'true');
    img.src = state.images[p.number];
  }
}

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.append(e);
  return e;
}

function box(parent, b, cls, extra) {
  return el('rect', Object.assign({ x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1], class: cls }, extra || {}), parent);
}

function centre(b) { return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]; }

function draw(p) {
  const svg = $('overlay');
  svg.replaceChildren();
  svg.setAttribute('viewBox', '0 0 ' + p.width + ' ' + p.height);
  const unit = Math.max(p.width, p.height) / 1000;
  const defs = el('defs', {}, svg);
  for (const [id, c] of [['arrow-order', '#c2185b'], ['arrow-link', '#6a1b9a']]) {
    const m = el('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0,0 L10,5 L0,10 z', fill: c }, m);
  }
  const words = el('g', { id: 'layer-words' }, svg);
  for (const w of p.words) {
    const r = box(words, w.box, 'word', { 'stroke-width': unit, 'data-id': w.id });
    el('title', {}, r).textContent = w.text;
  }
  const ents = el('g', { id: 'layer-entities' }, svg);
  for (const e of p.entities) {
    const c = colour(e.label);
    const r = box(ents, e.box, 'entity', { fill: c, stroke: c, 'data-label': e.label.toLowerCase(), 'data-id': e.id });
    el('title', {}, r).textContent = e.label + ' (' + Math.round(e.score * 100) + '%)';
  }
  const lines = new Map(p.lines.map((l) => [l.id, l]));
  const order = el('g', { id: 'layer-order' }, svg);
  let prev = null;
  (p.readingOrder || []).forEach((id, n) => {
    const l = lines.get(id);
    if (!l) return;
    const [cx, cy] = centre(l.box);
    if (prev) {
      el('line', { x1: prev[0], y1: prev[1], x2: l.box[0], y2: cy, class: 'arrow', 'stroke-width': 1.5 * unit,
        'marker-end': 'url(#arrow-order)' }, order);
    }
    const t = el('text', { x: l.box[0] - 2 * unit, y: l.box[1] + 9 * unit, class: 'order', 'font-size': 11 * unit,
      'text-anchor': 'end', 'stroke-width': 3 * unit }, order);
    t.textContent = String(n + 1);
    prev = [l.box[2], cy];
    void cx;
  });
  const links = el('g', { id: 'layer-links' }, svg);
  const ent = new Map(p.entities.map((e) => [e.id, e]));
  for (const r of p.relations) {
    const a = ent.get(r.from);
    const b = ent.get(r.to);
    if (!a || !b) continue;
    const [x1, y1] = centre(a.box);
    const [x2, y2] = centre(b.box);
    el('line', { x1, y1, x2, y2, class: 'link', 'stroke-width': 3 * unit, 'marker-end': 'url(#arrow-link)' }, links);
  }
  for (const f of state.doc.formFields || []) {
    if (f.page !== p.number || !f.keyBox || !f.valueBox) continue;
    const [x1, y1] = centre(f.keyBox);
    const [x2, y2] = centre(f.valueBox);
    el('line', { x1, y1, x2, y2, class: 'link', 'stroke-width': 3 * unit, 'marker-end': 'url(#arrow-link)' }, links);
  }
  el('g', { id: 'layer-evidence' }, svg);
  drawEvidence();
  layers();
}

// the evidence of the invoice field or answer in focus, as boxes over its page
function drawEvidence() {
  const g = $('layer-evidence');
  if (!g || !state.doc) return;
  g.replaceChildren();
  const p = state.doc.pages[state.page];
  for (const e of state.evidence) if (e.page === p.number && e.box) box(g, e.box, 'evidence', { 'data-page': e.page });
}

// shows evidence (a list of {page, wordIds, box}), turning to its page first
function highlight(evidence) {
  state.evidence = evidence;
  const i = state.doc.pages.findIndex((p) => evidence.some((e) => e.page === p.number));
  if (i >= 0 && i !== state.page) showPage(i); else drawEvidence();
}

const FIELD_NAMES = { vendor_name: 'Vendor', vendor_address: 'Vendor address', invoice_number: 'Invoice number',
  invoice_date: 'Invoice date', due_date: 'Due date', currency: 'Currency', subtotal: 'Subtotal', tax: 'Tax', total: 'Total' };

// the invoice fields panel: one row per field found; pointing at a row (or clicking it) highlights its evidence
function invoice(inv) {
  const tbody = $('invoice-fields').tBodies[0];
  tbody.replaceChildren();
  $('invoice').hidden = !inv;
  if (!inv) return;
  const rows = Object.entries(inv.fields).map(([name, f]) => [FIELD_NAMES[name] || name, name, f.value, f.evidence]);
  for (const li of inv.lineItems || []) {
    rows.push(['Item', 'line-item', [li.description, li.quantity && '× ' + li.quantity, li.amount].filter(Boolean).join(' '), li.evidence]);
  }
  for (const [label, name, value, evidence] of rows) {
    const tr = tbody.insertRow();
    tr.dataset.field = name;
    tr.insertCell().textContent = label;
    tr.insertCell().textContent = value;
    const show = () => {
      for (const r of tbody.rows) r.classList.toggle('active', r === tr);
      highlight(evidence ? [evidence] : []);
    };
    tr.addEventListener('mouseenter', show);
    tr.addEventListener('click', show);
  }
}

function pairs(p) {
  const tbody = $('pairs').tBodies[0];
  tbody.replaceChildren();
  const words = new Map(p.words.map((w) => [w.id, w.text]));
  const ent = new Map(p.entities.map((e) => [e.id, e]));
  const text = (e) => e.wordIds.map((id) => words.get(id)).join(' ');
  const rows = [];
  for (const f of state.doc.formFields || []) if (f.page === p.number) rows.push([f.key, f.value]);
  for (const r of p.relations) {
    const a = ent.get(r.from);
    const b = ent.get(r.to);
    if (a && b) rows.push([text(a).replace(/:\s*$/, ''), text(b)]);
  }
  for (const [k, v] of rows) {
    const tr = tbody.insertRow();
    tr.insertCell().textContent = k;
    tr.insertCell().textContent = v;
  }
  $('fields').hidden = rows.length === 0;
}

function layers() {
  const svg = $('overlay');
  for (const name of ['words', 'entities', 'order', 'links']) {
    svg.classList.toggle('hide-' + name, !$('show-' + name).checked);
  }
}
for (const name of ['words', 'entities', 'order', 'links']) $('show-' + name).addEventListener('change', layers);
$('prev').onclick = () => showPage(Math.max(0, state.page - 1));
$('next').onclick = () => showPage(Math.min(state.doc.pages.length - 1, state.page + 1));

$('qa-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = $('question').value.trim();
  if (!q || !state.id) return;
  try {
    const a = await (await api('/v1/documents/' + state.id + '/questions', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question: q }) })).json();
    const out = $('answer');
    out.classList.toggle('none', !a.found);
    if (a.found) {
      const where = a.evidence.length ? ', page ' + a.evidence[0].page : '';
      out.textContent = a.answer + (a.value !== a.answer ? ' = ' + a.value : '') + ' (' + Math.round(a.score * 100) + '%'
        + where + ')';
    } else {
      out.textContent = 'No answer in this document.';
    }
    for (const r of $('invoice-fields').tBodies[0].rows) r.classList.remove('active');
    if (state.doc) highlight(a.evidence);
  } catch (e) { $('answer').classList.remove('none'); $('answer').textContent = e.message; }
});

$('api-key').value = localStorage.getItem('readout-api-key') || '';
$('api-key').addEventListener('change', () => { localStorage.setItem('readout-api-key', $('api-key').value.trim()); loadService(); loadRecent(); });
loadService();
loadRecent();
const fromHash = location.hash.match(/^#([0-9a-f-]{36})$/);
if (fromHash) follow(fromHash[1]);
