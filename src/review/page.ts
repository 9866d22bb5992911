/**
 * The review page served by `npx ikrar review`: plain HTML, CSS and one script, nothing from the
 * network. The words come from the i18n catalogue (a JSON block the script reads); the data from
 * /api/state; decisions go to /api/decide.
 */
import { escapeHtml } from '../report/review.js';

export function reviewPage(strings: Record<string, string>, lang: string): string {
  // JSON inside <script type="application/json">: '<' escaped so no text can close the element.
  const data = JSON.stringify(strings).replace(/</g, '\\u003c');
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(strings.title ?? 'ikrar review')}</title>
<style>
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; margin: 0; color: #111; background: #f4f4f1; }
header { background: #1f3a5f; color: #fff; padding: 0.7em 1.2em; display: flex; flex-wrap: wrap; gap: 0.4em 2em; align-items: baseline; }
header h1 { font-size: 1.2em; margin: 0; }
header .sum { font-size: 0.95em; opacity: 0.95; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 22em; gap: 1em; padding: 1em 1.2em; }
#card { background: #fff; border: 1px solid #bbb; border-radius: 6px; padding: 1em; }
#card h2 { margin: 0 0 0.3em; font-size: 1.3em; }
#card .kind { font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.05em; color: #a05a00; }
#card .kind.near { color: #555; }
#row { width: 100%; border: 1px solid #888; background: #fff; display: block; margin: 0.6em 0; }
#crop { max-width: 100%; height: 260px; border: 1px solid #888; background: #fff; display: block; image-rendering: auto; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.2em 0.8em; margin: 0.5em 0; }
dt { font-weight: bold; } dd { margin: 0; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.8em; }
button { font-size: 1.05em; padding: 0.55em 1em; border-radius: 5px; border: 1px solid #666; background: #fafafa; cursor: pointer; }
button.signed { background: #1a9641; color: #fff; border-color: #127030; }
button.unsigned { background: #d7191c; color: #fff; border-color: #a01012; }
button:disabled { opacity: 0.45; cursor: default; }
kbd { font-family: inherit; font-weight: bold; border: 1px solid currentColor; border-radius: 3px; padding: 0 0.25em; margin-right: 0.3em; }
#decision { font-weight: bold; }
#decision.signed { color: #1a9641; } #decision.unsigned { color: #d7191c; }
#saved { color: #555; min-height: 1.2em; margin-top: 0.5em; }
#saved.error { color: #b00; font-weight: bold; }
aside { background: #fff; border: 1px solid #bbb; border-radius: 6px; padding: 0.6em; max-height: calc(100vh - 6em); overflow: auto; }
aside h3 { font-size: 1em; margin: 0.6em 0 0.3em; }
aside p.hint { font-size: 0.85em; color: #555; margin: 0 0 0.4em; }
aside ol { list-style: none; margin: 0; padding: 0; }
aside li { padding: 0.35em 0.4em; border-radius: 4px; cursor: pointer; display: flex; justify-content: space-between; gap: 0.5em; font-size: 0.92em; }
aside li.current { background: #dde8f6; outline: 2px solid #2b6cd4; }
aside li .badge { font-size: 0.8em; font-weight: bold; white-space: nowrap; }
aside li .badge.signed { color: #1a9641; } aside li .badge.unsigned { color: #d7191c; } aside li .badge.open { color: #a05a00; }
#empty { padding: 2em; }
footer { padding: 0 1.2em 1.2em; color: #444; font-size: 0.9em; }
</style>
</head>
<body>
<script type="application/json" id="strings">${data}</script>
<header><h1 id="title"></h1><span class="sum" id="remaining"></span><span class="sum" id="summary"></span></header>
<main>
<section id="card" aria-live="polite"></section>
<aside><div id="lists"></div></aside>
</main>
<footer id="help"></footer>
<script src="/app.js"></script>
</body>
</html>
`;
}

/** The page's script (served as /app.js; no inline script, so the page's CSP can forbid it). */
export const REVIEW_SCRIPT = `'use strict';
(function () {
  var S = JSON.parse(document.getElementById('strings').textContent);
  var state = null, current = 0, undo = [], busy = false;
  function fill(t, p) { return t.replace(/\\{(\\w+)\\}/g, function (m, k) { return p && k in p ? String(p[k]) : m; }); }
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    if (attrs) for (var k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function fileUrl(p) { return '/file/' + p.split('/').map(encodeURIComponent).join('/'); }
  function word(d) { return d === 'signed' ? S.signed : d === 'unsigned' ? S.unsigned : S.open; }
  function docWord(d) { return d === 'pakta' ? S.docPakta : d === 'deklarasi' ? S.docDeklarasi : S.docSheets; }
  function setSaved(text, error) { var s = document.getElementById('saved'); if (s) { s.textContent = text; s.className = error ? 'error' : ''; } }
  function render() {
    document.getElementById('title').textContent = S.title + ' — ' + state.title;
    document.getElementById('remaining').textContent = fill(S.remaining, { n: state.remaining, total: state.uncertain });
    var sm = state.summary;
    document.getElementById('summary').textContent = fill(S.summary, { signed: sm.signed, people: sm.people, percent: sm.percent.toFixed(1), uncertain: sm.uncertain });
    document.getElementById('help').textContent = S.help;
    var card = document.getElementById('card');
    card.textContent = '';
    var lists = document.getElementById('lists');
    lists.textContent = '';
    if (!state.entries.length) { card.appendChild(el('p', { id: 'empty' }, S.nothing)); return; }
    if (current >= state.entries.length) current = state.entries.length - 1;
    var it = state.entries[current];
    card.setAttribute('data-id', it.id);
    card.appendChild(el('div', { class: 'kind' + (it.kind === 'near-miss' ? ' near' : '') }, fill(it.kind === 'near-miss' ? S.kindNear : S.kindUncertain, { i: current + 1, n: state.entries.length })));
    card.appendChild(el('h2', null, it.name));
    if (it.row) card.appendChild(el('img', { id: 'row', src: fileUrl(it.row), alt: S.rowAlt }));
    if (it.crop) card.appendChild(el('img', { id: 'crop', src: fileUrl(it.crop), alt: S.cropAlt }));
    var dl = el('dl');
    function row(k, v) { dl.appendChild(el('dt', null, k)); dl.appendChild(el('dd', null, v)); }
    row(S.nip, it.nip || '-');
    row(S.unit, it.unit);
    row(S.document, docWord(it.document) + (it.number !== null ? ' · ' + fill(S.rowNo, { n: it.number }) : ''));
    row(S.score, it.score === null ? '-' : it.score.toFixed(2));
    row(S.read, it.machine === 'uncertain' ? S.machineUncertain : S.machineUnsigned);
    row(S.page, it.page + ' · ' + it.source);
    card.appendChild(dl);
    var dec = el('p');
    dec.appendChild(document.createTextNode(S.decision + ': '));
    dec.appendChild(el('span', { id: 'decision', class: it.decision || '' }, it.decision ? word(it.decision) + ' (' + S.manual + ')' : S.open));
    card.appendChild(dec);
    if (it.proof) {
      var a = el('a', { href: fileUrl(it.proof), target: '_blank', rel: 'noopener', id: 'proof' }, S.proof);
      card.appendChild(a);
    }
    var b = el('div', { class: 'buttons' });
    function button(id, cls, key, text, fn, disabled) {
      var x = el('button', { id: id, class: cls, type: 'button' });
      x.appendChild(el('kbd', null, key));
      x.appendChild(document.createTextNode(text));
      x.disabled = !!disabled || busy;
      x.addEventListener('click', fn);
      b.appendChild(x);
    }
    button('btn-signed', 'signed', 'S', S.btnSigned, function () { choose('signed'); });
    button('btn-unsigned', 'unsigned', 'B', S.btnUnsigned, function () { choose('unsigned'); });
    button('btn-prev', '', '\\u2190', S.btnPrev, function () { move(-1); }, current === 0);
    button('btn-next', '', '\\u2192', S.btnNext, function () { move(1); }, current >= state.entries.length - 1);
    button('btn-undo', '', 'U', S.btnUndo, doUndo, undo.length === 0);
    card.appendChild(b);
    card.appendChild(el('div', { id: 'saved' }));
    var groups = [['uncertain', S.listUncertain, S.listUncertainHint], ['near-miss', S.listNear, S.listNearHint]];
    groups.forEach(function (g) {
      var items = state.entries.map(function (e, i) { return [e, i]; }).filter(function (p) { return p[0].kind === g[0]; });
      if (!items.length) return;
      lists.appendChild(el('h3', null, g[1]));
      lists.appendChild(el('p', { class: 'hint' }, g[2]));
      var ol = el('ol');
      items.forEach(function (p) {
        var e = p[0], i = p[1];
        var li = el('li', { 'data-id': e.id, class: i === current ? 'current' : '' });
        li.appendChild(el('span', null, e.name));
        li.appendChild(el('span', { class: 'badge ' + (e.decision || 'open') }, e.decision ? word(e.decision) : (e.kind === 'near-miss' ? (e.score === null ? '' : e.score.toFixed(2)) : S.open)));
        li.addEventListener('click', function () { current = i; render(); });
        ol.appendChild(li);
      });
      lists.appendChild(ol);
    });
  }
  function post(id, status) {
    busy = true;
    render();
    setSaved(S.saving, false);
    return fetch('/api/decide', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: id, status: status }) })
      .then(function (r) { if (!r.ok) return r.text().then(function (t) { throw new Error(t); }); return r.json(); })
      .then(function (j) { state = j.state; busy = false; render(); if (j.recapError) { setSaved(S.recapFailed + ' ' + j.recapError, true); return 'saved'; } setSaved(S.saved, false); return true; })
      .catch(function (e) { busy = false; render(); setSaved(S.failed + ' ' + e.message, true); return false; });
  }
  function choose(status) {
    if (busy || !state.entries.length) return;
    var it = state.entries[current];
    var before = it.decision;
    var at = current;
    post(it.id, status).then(function (ok) {
      if (!ok) return;
      undo.push({ id: it.id, before: before, at: at });
      if (ok === 'saved') return;
      // on to the next box still open, if any
      for (var k = 1; k <= state.entries.length; k++) {
        var j = (at + k) % state.entries.length;
        if (state.entries[j].decision === null && state.entries[j].kind === 'uncertain') { current = j; render(); setSaved(S.saved, false); return; }
      }
      if (at < state.entries.length - 1) current = at + 1;
      render();
      setSaved(S.saved, false);
    });
  }
  function move(d) {
    if (!state.entries.length) return;
    current = Math.max(0, Math.min(state.entries.length - 1, current + d));
    render();
  }
  function doUndo() {
    if (busy || !undo.length) return;
    var u = undo.pop();
    var i = state.entries.findIndex(function (e) { return e.id === u.id; });
    if (i >= 0) current = i;
    post(u.id, u.before).then(function (ok) { if (!ok) undo.push(u); else setSaved(S.undone, false); });
  }
  document.addEventListener('keydown', function (ev) {
    if (ev.altKey || ev.metaKey) return;
    var k = ev.key;
    if (ev.ctrlKey) { if (k === 'z' || k === 'Z') { ev.preventDefault(); doUndo(); } return; }
    if (k === 's' || k === 'S') { ev.preventDefault(); choose('signed'); }
    else if (k === 'b' || k === 'B') { ev.preventDefault(); choose('unsigned'); }
    else if (k === 'u' || k === 'U') { ev.preventDefault(); doUndo(); }
    else if (k === 'ArrowRight' || k === 'ArrowDown') { ev.preventDefault(); move(1); }
    else if (k === 'ArrowLeft' || k === 'ArrowUp') { ev.preventDefault(); move(-1); }
  });
  fetch('/api/state').then(function (r) { return r.json(); }).then(function (j) {
    state = j;
    var first = state.entries.findIndex(function (e) { return e.decision === null; });
    current = first >= 0 ? first : 0;
    render();
    document.body.setAttribute('data-ready', '1');
  });
})();
`;
