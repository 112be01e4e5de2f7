// Shared by every page: the API helper (sends the anti-forgery token), role gating, time formatting.
'use strict';
const egw = (() => {
  const meta = name => document.querySelector(`meta[name="${name}"]`)?.content ?? '';
  const ranks = { operator: 1, technician: 2, admin: 3 };
  const role = meta('role');
  const can = needed => (ranks[role] ?? 0) >= (ranks[needed] ?? 99);

  async function api(method, url, body) {
    const headers = { 'X-CSRF-TOKEN': meta('csrf') };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (response.status === 401) { location.href = '/login'; throw new Error('logged out'); }
    const data = (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : null;
    if (!response.ok) throw new Error(data?.detail ?? `${response.status} ${response.statusText}`);
    return data;
  }

  // Local time as 2026-12-06 14:03:07: unambiguous on any browser locale.
  const pad = n => String(n).padStart(2, '0');
  const time = ms => {
    if (ms == null) return '–';
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  };
  const ago = ms => {
    if (ms == null) return 'never';
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : s < 86400 ? `${Math.round(s / 3600)} h ago` : time(ms);
  };

  // Builds an element; text always goes in as text, never as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  document.querySelectorAll('[data-role]').forEach(n => { if (!can(n.dataset.role)) n.hidden = true; });
  document.querySelectorAll('nav a').forEach(a => { if (a.dataset.page === document.body.dataset.page) a.setAttribute('aria-current', 'page'); });
  return { api, can, time, ago, el };
})();
