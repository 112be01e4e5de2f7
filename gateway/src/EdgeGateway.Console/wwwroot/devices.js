// The device list, filtered, sorted and paged by the gateway (a page of 100 rows, however many devices there are);
// technicians may locate a device, arm its test mode, edit its label and revoke it.
'use strict';
(() => {
  const { api, can, ago, el } = egw;
  const pageSize = 100;
  const state = { sort: 'id', dir: 'asc', offset: 0 };
  const body = document.querySelector('#devices tbody');
  const filter = document.getElementById('filter');
  const status = document.getElementById('status');
  const error = document.getElementById('error');
  const notice = document.getElementById('notice');
  let loading = 0;

  const show = message => { error.textContent = message; error.hidden = !message; };
  const tell = message => { notice.textContent = message; notice.hidden = !message; };
  const path = id => `/api/v1/devices/${encodeURIComponent(id)}`;
  const volts = mv => mv == null ? '–' : `${(mv / 1000).toFixed(2)} V`;
  const dbm = rssi => rssi == null ? '–' : `${rssi} dBm`;

  async function act(d, what, run) {
    try { const r = await run(); tell(`${what} ${d.id}: ${r?.delivery ?? 'done'}`); show(''); await load(); }
    catch (e) { show(`${what} ${d.id} failed: ${e.message}`); }
  }

  function editLabel(d, cell) {
    const input = el('input', { value: d.label ?? '', maxlength: '120', 'aria-label': `Label of ${d.id}` });
    const save = el('button', { type: 'button' }, 'Save');
    save.addEventListener('click', () => act(d, 'label of', () => api('PUT', `${path(d.id)}/label`, { label: input.value })));
    cell.replaceChildren(input, save);
    input.focus();
  }

  function testMode(d) {
    const minutes = prompt(`Arm test mode on ${d.id} for how many minutes (0..60, 0 disarms)? Its presses send "test", not "panic", meanwhile.`, '5');
    if (minutes === null) return;
    act(d, 'test mode for', () => api('POST', `${path(d.id)}/test-mode`, { minutes: Number(minutes) }));
  }

  function revoke(d) {
    if (!confirm(`Revoke ${d.id}? It will be disconnected and refused from now on.`)) return;
    act(d, 'revoke', () => api('POST', `${path(d.id)}/revoke`));
  }

  function actions(d, label) {
    if (!can('technician')) return null;
    const active = !d.revoked;
    return el('td', { class: 'actions' },
      active ? el('button', { type: 'button', class: 'quiet locate', onclick: () => act(d, 'locate', () => api('POST', `${path(d.id)}/locate`)) }, 'Locate') : null,
      active && d.type === 'panic-button' ? el('button', { type: 'button', class: 'quiet test-mode', onclick: () => testMode(d) }, 'Test mode') : null,
      el('button', { type: 'button', class: 'quiet edit', onclick: () => editLabel(d, label) }, 'Edit label'),
      active ? el('button', { type: 'button', class: 'danger', onclick: () => revoke(d) }, 'Revoke') : null);
  }

  function row(d) {
    const label = el('td', { class: 'label' }, d.label ?? '');
    return el('tr', { 'data-id': d.id, class: d.status },
      el('td', {}, d.id), el('td', {}, d.type), el('td', {}, d.site), label, el('td', { class: 'status' }, d.status),
      el('td', { class: 'battery' }, volts(d.batteryMv)), el('td', { class: 'rssi' }, dbm(d.rssi)), el('td', { class: 'firmware' }, d.firmware ?? '–'),
      el('td', {}, ago(d.lastSeen)), el('td', { class: 'heartbeat' }, ago(d.lastHeartbeat)), actions(d, label));
  }

  async function load() {
    const query = new URLSearchParams({ sort: state.sort, dir: state.dir, offset: state.offset, limit: pageSize });
    if (filter.value.trim()) query.set('q', filter.value.trim());
    if (status.value) query.set('status', status.value);
    const mine = ++loading;
    try {
      const page = await api('GET', `/api/v1/devices?${query}`);
      if (mine !== loading) return; // a newer request (the user kept typing) answers instead
      if (page.items.length === 0 && state.offset > 0 && page.matched > 0) { state.offset = 0; return load(); }
      body.replaceChildren(...page.items.map(row));
      document.getElementById('count').textContent = `${page.matched} of ${page.total}`;
      document.getElementById('range').textContent = page.matched === 0 ? 'none' : `${page.offset + 1}–${page.offset + page.items.length} of ${page.matched}`;
      document.getElementById('prev').disabled = page.offset === 0;
      document.getElementById('next').disabled = page.offset + page.items.length >= page.matched;
      if (!document.body.dataset.shownAt) document.body.dataset.shownAt = String(Math.round(performance.now()));
    } catch (e) {
      show('could not load devices: ' + e.message);
    }
  }

  let typing;
  const refilter = () => { state.offset = 0; clearTimeout(typing); typing = setTimeout(load, 150); };
  document.querySelectorAll('#devices th[data-key]').forEach(th => th.addEventListener('click', () => {
    state.dir = state.sort === th.dataset.key && state.dir === 'asc' ? 'desc' : 'asc';
    state.sort = th.dataset.key;
    state.offset = 0;
    document.querySelectorAll('#devices th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', state.dir === 'asc' ? 'ascending' : 'descending');
    load();
  }));
  filter.addEventListener('input', refilter);
  status.addEventListener('change', refilter);
  document.getElementById('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - pageSize); load(); });
  document.getElementById('next').addEventListener('click', () => { state.offset += pageSize; load(); });
  load();
  setInterval(load, 30000);
})();
