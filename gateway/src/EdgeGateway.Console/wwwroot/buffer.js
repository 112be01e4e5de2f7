// Buffer & uplink: the figures of GET /api/v1/buffer, fetched again every 2 s while the page is visible.
'use strict';
(() => {
  const { api, time, el } = egw;
  const error = document.getElementById('error');
  const classes = document.querySelector('#classes tbody');
  const field = name => document.querySelector(`#uplink [data-field="${name}"]`);
  const mb = bytes => `${(bytes / 1048576).toFixed(1)} MB`;
  const age = s => s == null ? '–' : s < 60 ? `${Math.round(s)} s` : s < 3600 ? `${Math.round(s / 60)} min` : s < 86400 ? `${(s / 3600).toFixed(1)} h` : `${(s / 86400).toFixed(1)} days`;

  function render(view) {
    const u = view.uplink;
    field('kind').textContent = u.kind;
    field('state').textContent = u.state;
    field('state').className = u.state === 'connected' ? 'ok' : 'warn';
    field('lastSuccessAt').textContent = u.lastSuccessAt == null ? 'none since start' : time(u.lastSuccessAt);
    field('forwardedPerSecond').textContent = u.forwardedPerSecond.toFixed(1);
    field('forwardedTotal').textContent = u.forwardedTotal;
    field('failures').textContent = `${u.failures} · ${u.reconnects}`;
    classes.replaceChildren(...view.classes.map(c => el('tr', { 'data-prio': c.prio },
      el('td', {}, c.prio), el('td', { class: 'depth' }, c.depth), el('td', {}, c.depth ? age(c.oldestAgeSeconds) : '–'),
      el('td', {}, c.shed), el('td', {}, c.expired))));
    const d = view.disk;
    document.getElementById('disk').value = Math.min(100, d.usedPercent);
    document.getElementById('disk-text').textContent = `${mb(d.usedBytes)} of ${mb(d.quotaBytes)} (${d.usedPercent.toFixed(1)} %), files on disk ${mb(d.fileBytes)}`;
    document.getElementById('updated').textContent = `updated ${time(view.at)}`;
  }

  async function load() {
    try { render(await api('GET', '/api/v1/buffer')); error.hidden = true; }
    catch (e) { error.textContent = `figures not updated: ${e.message}`; error.hidden = false; }
  }

  load();
  setInterval(() => { if (!document.hidden) load(); }, 2000);
})();
