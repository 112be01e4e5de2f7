// History: the journal searched by device, type and time, newest first, 100 at a time; the same search as CSV.
'use strict';
(() => {
  const { api, time, el } = egw;
  const form = document.getElementById('search');
  const body = document.querySelector('#history tbody');
  const more = document.getElementById('more');
  const csv = document.getElementById('csv');
  const error = document.getElementById('error');
  const empty = document.getElementById('empty');
  let next = null;

  function params() {
    const p = new URLSearchParams();
    for (const name of ['device', 'type']) { const v = document.getElementById(name).value.trim(); if (v) p.set(name, v); }
    for (const name of ['from', 'to']) { const v = document.getElementById(name).value; if (v) p.set(name, String(new Date(v).getTime())); }
    return p;
  }

  const row = e => el('tr', { 'data-id': e.id, class: e.prio.toLowerCase() },
    el('td', {}, time(e.receivedAt)), el('td', {}, e.device), el('td', {}, e.type), el('td', {}, e.prio),
    el('td', {}, time(e.deviceTime), e.synced ? '' : ' (clock not synced)'), el('td', {}, el('code', {}, e.id)),
    el('td', { class: 'data' }, JSON.stringify(e.data)));

  async function load(append) {
    const p = params();
    csv.href = `/api/v1/history.csv?${p}`;
    if (append && next !== null) p.set('before', String(next));
    try {
      const page = await api('GET', `/api/v1/history?${p}`);
      const rows = page.items.map(row);
      if (append) body.append(...rows); else body.replaceChildren(...rows);
      next = page.next;
      more.hidden = next === null;
      empty.hidden = body.children.length > 0;
      error.hidden = true;
    } catch (e) { error.textContent = `search failed: ${e.message}`; error.hidden = false; }
  }

  form.addEventListener('submit', ev => { ev.preventDefault(); next = null; load(false); });
  more.addEventListener('click', () => load(true));
  load(false);
})();
