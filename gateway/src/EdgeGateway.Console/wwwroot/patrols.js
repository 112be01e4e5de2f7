// Patrols: the rounds being walked (each checkpoint's state), missed and late checkpoints, and round reports for a range.
'use strict';
(() => {
  const { api, time, el } = egw;
  const error = document.getElementById('error');
  const show = message => { error.textContent = message; error.hidden = !message; };
  const verdictText = { on_time: 'on time', late: 'late', missed: 'missed' };
  const ms = iso => iso == null ? null : Date.parse(iso);
  const delay = s => s == null ? '' : s < 0 ? `${Math.round(-s / 60)} min early` : s < 60 ? `${s} s` : `${Math.round(s / 60)} min`;
  const stopState = s => s.verdict ?? 'pending';

  function stops(round) {
    return el('table', { class: 'stops' },
      el('thead', {}, el('tr', {}, ['Checkpoint', 'Planned', 'Tapped', 'Delay', 'By', 'State', 'Flags'].map(h => el('th', {}, h)))),
      el('tbody', {}, round.stops.map(s => el('tr', { class: `stop ${stopState(s)}`, 'data-checkpoint': s.checkpoint },
        el('td', {}, `${s.name} (${s.checkpoint})`), el('td', {}, time(ms(s.expected))), el('td', {}, s.tapped ? time(ms(s.tapped)) : '–'),
        el('td', {}, delay(s.delay_seconds)), el('td', {}, s.member ?? s.card ?? ''),
        el('td', { class: 'state' }, verdictText[s.verdict] ?? 'waiting'), el('td', { class: 'flags' }, s.flags.join(', '))))));
  }

  function flagged(list, title) {
    if (!list.length) return null;
    return el('div', { class: 'flagged' }, el('h4', {}, title), el('ul', {}, list.map(f =>
      el('li', { 'data-event': f.event_id }, `${time(ms(f.at))} · card ${f.card}${f.member ? ` (${f.member})` : ' (unknown)'} at ${f.checkpoint}: `,
        el('span', { class: 'flags' }, f.flags.join(', '))))));
  }

  function round(r, live) {
    const counts = live ? `${r.stops.filter(s => s.verdict).length} of ${r.stops.length} judged`
      : `on time ${r.on_time} · late ${r.late} · missed ${r.missed}`;
    const state = live ? 'in progress' : r.completed ? 'completed' : 'not yet completed';
    return el('article', { class: `round${r.missed ? ' has-missed' : r.late ? ' has-late' : ''}`, 'data-round': r.round },
      el('h3', {}, `${r.route} · team ${r.team}`, el('span', { class: 'live' }, state)),
      el('p', { class: 'hint' }, `${time(ms(r.start))} – ${time(ms(r.end))} · ${counts} · walked by ${r.walked_by.length ? r.walked_by.join(', ') : 'nobody'}`),
      el('code', { class: 'id' }, r.round),
      el('div', { class: 'table' }, stops(r)),
      flagged(r.flagged, 'Flagged check-ins'));
  }

  function alerts(list) {
    document.querySelector('#alerts tbody').replaceChildren(...list.map(a => el('tr', { class: a.verdict, 'data-round': a.round, 'data-checkpoint': a.checkpoint },
      el('td', { class: 'state' }, verdictText[a.verdict] ?? a.verdict), el('td', {}, `${a.name} (${a.checkpoint})`),
      el('td', {}, time(ms(a.expected))), el('td', {}, a.tapped ? time(ms(a.tapped)) : '–'), el('td', {}, delay(a.delay_seconds)),
      el('td', {}, a.team), el('td', {}, a.route), el('td', {}, a.member ?? a.card ?? ''))));
    document.getElementById('alerts-empty').hidden = list.length > 0;
  }

  async function loadActive() {
    try {
      const a = await api('GET', '/api/v1/patrols/active');
      document.getElementById('active').replaceChildren(...a.in_progress.map(r => round(r, true)));
      document.getElementById('active-empty').hidden = a.in_progress.length > 0;
      alerts(a.missed_and_late);
      document.getElementById('updated').textContent = `updated ${time(ms(a.now))}`;
      show('');
      return true;
    } catch (e) {
      show(e.message);
      return false;
    }
  }

  // datetime-local values are local time; the API takes ISO 8601 with the offset, so convert through Date.
  const local = d => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const from = document.getElementById('from');
  const to = document.getElementById('to');
  const team = document.getElementById('team');

  async function loadReports() {
    const query = new URLSearchParams({ from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString() });
    if (team.value.trim()) query.set('team', team.value.trim());
    try {
      const report = await api('GET', `/api/v1/patrols/rounds?${query}`);
      document.getElementById('reports').replaceChildren(...report.rounds.map(r => round(r, false)));
      document.getElementById('reports-empty').hidden = report.rounds.length > 0;
      document.getElementById('outside').replaceChildren(flagged(report.flagged_outside_rounds, 'Flagged check-ins that counted for no round') ?? '');
      show('');
    } catch (e) {
      show('report: ' + e.message);
    }
  }

  const now = new Date();
  // The field holds whole minutes (local() cuts the seconds): +2 min keeps 'to' at least a minute ahead, so a round
  // ending shortly after the page loaded is still in the default range.
  to.value = local(new Date(now.getTime() + 120000));
  from.value = local(new Date(now.getTime() - 24 * 3600000));
  document.getElementById('range').addEventListener('submit', e => { e.preventDefault(); loadReports(); });
  loadActive().then(ok => { if (ok) loadReports(); });
  setInterval(loadActive, 5000);
})();
