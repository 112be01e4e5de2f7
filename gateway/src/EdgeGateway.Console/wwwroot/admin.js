// Admin: the operators and the newest audit entries.
'use strict';
(async () => {
  const { api, time, el } = egw;
  const operators = await api('GET', '/api/v1/operators');
  document.querySelector('#operators tbody').replaceChildren(...operators.map(o =>
    el('tr', {}, el('td', {}, o.name), el('td', {}, o.role), el('td', {}, time(o.created)), el('td', {}, o.hasToken ? 'issued' : 'none'))));
  const audit = await api('GET', '/api/v1/audit?max=200');
  document.querySelector('#audit tbody').replaceChildren(...audit.map(a =>
    el('tr', {}, el('td', {}, time(Date.parse(a.at))), el('td', {}, a.operator), el('td', {}, a.action), el('td', {}, a.target), el('td', {}, a.result), el('td', {}, a.address))));
})();
