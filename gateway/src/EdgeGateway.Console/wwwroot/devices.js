// The device list: sortable by any column, filtered as you type; technicians may edit labels and revoke.
'use strict';
(() => {
  const { api, can, ago, el } = egw;
  let devices = [];
  let sortKey = 'id';
  let sortDir = 1;
  const body = document.querySelector('#devices tbody');
  const filter = document.getElementById('filter');
  const status = document.getElementById('status');
  const error = document.getElementById('error');

  const statusOf = d => d.revoked ? 'revoked' : d.online ? 'online' : 'offline';
  const show = message => { error.textContent = message; error.hidden = !message; };

  async function editLabel(d, cell) {
    const input = el('input', { value: d.label ?? '', maxlength: '120', 'aria-label': `Label of ${d.id}` });
    const save = el('button', { type: 'button' }, 'Save');
    save.addEventListener('click', async () => {
      try { await api('PUT', `/api/v1/devices/${encodeURIComponent(d.id)}/label`, { label: input.value }); show(''); await load(); }
      catch (e) { show(`label of ${d.id} not saved: ${e.message}`); }
    });
    cell.replaceChildren(input, save);
    input.focus();
  }

  async function revoke(d) {
    if (!confirm(`Revoke ${d.id}? It will be disconnected and refused from now on.`)) return;
    try { await api('POST', `/api/v1/devices/${encodeURIComponent(d.id)}/revoke`); show(''); await load(); }
    catch (e) { show(`${d.id} not revoked: ${e.message}`); }
  }

  function row(d) {
    const label = el('td', { class: 'label' }, d.label ?? '');
    const actions = can('technician') ? el('td', {},
      el('button', { type: 'button', class: 'quiet', onclick: () => editLabel(d, label) }, 'Edit label'),
      d.revoked ? null : el('button', { type: 'button', class: 'danger', onclick: () => revoke(d) }, 'Revoke')) : null;
    return el('tr', { 'data-id': d.id, class: statusOf(d) },
      el('td', {}, d.id), el('td', {}, d.type), el('td', {}, d.site), label,
      el('td', {}, statusOf(d)), el('td', {}, ago(d.lastSeen)), el('td', {}, ago(d.lastHeartbeat)), actions);
  }

  function render() {
    const words = filter.value.trim().toLowerCase();
    const wanted = status.value;
    const shown = devices
      .filter(d => (!wanted || statusOf(d) === wanted) &&
        (!words || [d.id, d.type, d.site, d.label ?? ''].some(v => v.toLowerCase().includes(words))))
      .sort((a, b) => {
        const x = sortKey === 'online' ? statusOf(a) : a[sortKey] ?? '';
        const y = sortKey === 'online' ? statusOf(b) : b[sortKey] ?? '';
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
      });
    body.replaceChildren(...shown.map(row));
    document.getElementById('count').textContent = `${shown.length} of ${devices.length}`;
  }

  async function load() {
    try { devices = await api('GET', '/api/v1/devices'); render(); }
    catch (e) { show('could not load devices: ' + e.message); }
  }

  document.querySelectorAll('#devices th[data-key]').forEach(th => th.addEventListener('click', () => {
    sortDir = sortKey === th.dataset.key ? -sortDir : 1;
    sortKey = th.dataset.key;
    document.querySelectorAll('#devices th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
    render();
  }));
  filter.addEventListener('input', render);
  status.addEventListener('change', render);
  load();
  setInterval(load, 30000);
})();
