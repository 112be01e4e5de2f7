// The alarm board: a live stream (Server-Sent Events) of the gateway's alarms, newest first, with Acknowledge.
'use strict';
(() => {
  const { api, time, el } = egw;
  const alarms = new Map();
  const cued = new Set();
  let unseen = 0;
  let audio = null;
  const baseTitle = document.title;
  document.body.dataset.cues = '0';

  // Web Audio needs a user gesture before it may sound; the first tap or click anywhere enables it. (On 'click', not
  // 'pointerdown': hiding the hint moves the page, and a button that moved between press and release gets no click.)
  function enableSound() {
    if (audio) return;
    audio = new (window.AudioContext || window.webkitAudioContext)();
    document.getElementById('sound-hint').hidden = true;
  }
  document.addEventListener('click', enableSound);
  document.addEventListener('keydown', enableSound);

  function cue() {
    document.body.dataset.cues = String(Number(document.body.dataset.cues) + 1);
    if (!audio) return;
    const start = audio.currentTime;
    for (let i = 0; i < 3; i++) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';
      osc.frequency.value = i % 2 ? 660 : 880;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.3);
      osc.stop(start + i * 0.3 + 0.2);
    }
  }

  // The title shows how many new alarms arrived until the officer interacts with the page.
  function markTitle() { document.title = unseen > 0 ? `(${unseen}) ALARM · ${baseTitle}` : baseTitle; }
  function seen() { if (unseen) { unseen = 0; markTitle(); } }
  document.addEventListener('click', seen);
  document.addEventListener('keydown', seen);

  function upsert(a, fresh) {
    const isNew = !alarms.has(a.id);
    alarms.set(a.id, a);
    if (fresh && isNew && a.class === 'P0' && a.state === 'new' && !cued.has(a.id)) {
      cued.add(a.id);
      unseen++;
      markTitle();
      cue();
    }
  }

  function ackText(a) {
    if (!a.ack) return null;
    const where = a.state === 'acknowledged-cloud' ? 'by cloud dispatch' : 'here';
    const device = a.ack.delivery === 'delivered' ? 'device has it' : a.ack.delivery === 'queued' ? 'queued for the device (offline)' : 'expired before the device took it';
    return `Acknowledged ${where} by ${a.ack.by} at ${time(a.ack.at)} · ${device}`;
  }

  async function acknowledge(id, button, status) {
    button.disabled = true;
    status.textContent = 'sending…';
    try {
      const r = await api('POST', `/api/v1/alarms/${encodeURIComponent(id)}/ack`);
      status.textContent = r.delivery === 'delivered' ? 'acknowledged · device has it' : 'acknowledged · queued for the device';
    } catch (e) {
      status.textContent = 'not acknowledged: ' + e.message;
      button.disabled = false;
    }
  }

  function item(a) {
    const status = el('span', { class: 'ack-status' }, ackText(a));
    const button = a.class === 'P0' && a.type === 'panic' && a.state === 'new'
      ? el('button', { class: 'ack', type: 'button' }, 'Acknowledge') : null;
    if (button) button.addEventListener('click', () => acknowledge(a.id, button, status));
    return el('li', { class: `alarm ${a.class.toLowerCase()} ${a.state}`, 'data-id': a.id, 'data-state': a.state },
      el('div', { class: 'head' },
        el('strong', { class: 'type' }, a.type.replace('_', ' ').toUpperCase()),
        el('span', { class: 'device' }, a.device),
        el('span', { class: 'state' }, a.state === 'new' ? 'NEW' : a.state === 'acknowledged' ? 'acknowledged here' : 'acknowledged by dispatch')),
      el('div', { class: 'where' },
        el('span', { class: 'label' }, a.label ?? 'no location label'),
        a.site ? el('span', { class: 'site' }, `site ${a.site}`) : null),
      el('div', { class: 'when' },
        el('span', {}, `received ${time(a.receivedAt)}`),
        el('span', { class: a.clockSynced ? '' : 'warn' }, `device time ${time(a.deviceTime)} (${a.clockSynced ? 'clock synced' : 'clock NOT synced'})`)),
      a.repeats > 0 ? el('details', { class: 'repeats' }, el('summary', {}, `pressed ${a.repeats + 1} times`), el('code', {}, a.ids.join(', '))) : null,
      a.cancelRequestedAt ? el('div', { class: 'cancel' }, `Cancel requested at ${time(a.cancelRequestedAt)}`) : null,
      el('div', { class: 'actions' }, button, status),
      el('code', { class: 'id' }, a.id));
  }

  function render() {
    const sorted = [...alarms.values()].sort((x, y) => y.receivedAt - x.receivedAt);
    for (const cls of ['P0', 'P1']) {
      const list = document.getElementById(cls.toLowerCase());
      const mine = sorted.filter(a => a.class === cls);
      list.replaceChildren(...mine.map(item));
      document.getElementById(`${cls.toLowerCase()}-empty`).hidden = mine.length > 0;
    }
  }

  function connect() {
    const live = document.getElementById('live');
    const source = new EventSource('/api/v1/alarms/stream');
    source.addEventListener('snapshot', e => {
      const first = alarms.size === 0 && live.dataset.connected !== 'yes';
      alarms.clear();
      for (const a of JSON.parse(e.data)) upsert(a, !first);
      live.textContent = 'live';
      live.dataset.connected = 'yes';
      render();
    });
    source.addEventListener('alarm', e => { upsert(JSON.parse(e.data), true); render(); });
    source.onerror = () => { live.textContent = 'reconnecting…'; };
  }
  connect();
})();
