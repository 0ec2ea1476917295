// The leadership views: a small client of the same GraphQL API, with the user's token.
import { HEALTH_ICON, TEXT } from './i18n.js';

const view = document.getElementById('view');
let lang = localStorage.getItem('lang') === 'en' ? 'en' : 'vi';
let token = sessionStorage.getItem('token');
let refresh = null; // re-renders the current view when something changes
let socket = null;

const t = (key) => TEXT[lang][key] ?? TEXT.vi[key] ?? key;
const esc = (v) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const badge = (health) =>
  `<span class="badge h-${health}">${HEALTH_ICON[health]} ${esc(t('H_' + health))}</span>`;
const levelBadge = (level) => `<span class="badge lv lv-${level}">${esc(t('L_' + level))}</span>`;
const pct = (n) => `${Math.round(n * 10) / 10}%`;

/** The claims of the signed-in token (not verified here: the API does that). */
function claims() {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) {
    const [e] = body.errors;
    if (e.extensions?.code === 'UNAUTHENTICATED') signOut();
    throw new Error(e.message);
  }
  return body.data;
}

/** graphql-transport-ws by hand: a live view refetches when the centre reports a change. */
function connectLive() {
  socket?.close();
  const ws = new WebSocket(
    `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    'graphql-transport-ws',
  );
  socket = ws;
  const live = document.getElementById('live');
  ws.onopen = () =>
    ws.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
    );
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.type === 'connection_ack') {
      live.hidden = false;
      ws.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: 'subscription { changes { kind } }' },
        }),
      );
    } else if (msg.type === 'next' && refresh) {
      scheduleRefresh();
    } else if (msg.type === 'ping') {
      ws.send(JSON.stringify({ type: 'pong' }));
    }
  };
  ws.onclose = () => {
    live.hidden = true;
    if (socket === ws && token) setTimeout(connectLive, 3000);
  };
}

let refreshTimer = null;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh?.().catch(showError), 150);
}

function showError(e) {
  view.insertAdjacentHTML('afterbegin', `<p class="error" role="alert">${esc(e.message)}</p>`);
}

function signOut() {
  token = null;
  sessionStorage.removeItem('token');
  socket?.close();
  location.hash = '#/signin';
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.getElementById('lang').textContent = lang === 'vi' ? 'EN' : 'VI';
  document.querySelectorAll('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n)));
}

function chrome() {
  const c = claims();
  document.getElementById('nav').hidden = !c;
  document.getElementById('signout').hidden = !c;
  document.getElementById('who').textContent = c
    ? [t('role.' + c.role), c.level ? t('L_' + c.level) : '', c.unit ?? '']
        .filter(Boolean)
        .join(' · ')
    : '';
  const here = location.hash.split('?')[0] || '#/';
  document.querySelectorAll('nav a').forEach((a) => {
    const href = a.getAttribute('href');
    const section = href.split('/').slice(0, 2).join('/');
    a.classList.toggle('active', href === '#/' ? here === '#/' : here.startsWith(section));
  });
}

// ---------------------------------------------------------------- exports

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportCsv(name, headers, rows) {
  const cell = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const text = [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  // The byte-order mark makes Excel read the Vietnamese as UTF-8.
  download(`${name}.csv`, new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
}

async function exportXlsx(name, headers, rows) {
  const book = new window.ExcelJS.Workbook();
  const sheet = book.addWorksheet(name.slice(0, 31));
  sheet.addRow(headers).font = { bold: true };
  rows.forEach((r) => sheet.addRow(r));
  sheet.columns.forEach((c) => (c.width = 18));
  const buffer = await book.xlsx.writeBuffer();
  download(
    `${name}.xlsx`,
    new Blob([buffer], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  );
}

function exportButtons(name, headers, rows) {
  const id = `x${Math.random().toString(36).slice(2)}`;
  setTimeout(() => {
    document
      .getElementById(`${id}-csv`)
      ?.addEventListener('click', () => exportCsv(name, headers(), rows()));
    document
      .getElementById(`${id}-xlsx`)
      ?.addEventListener('click', () => exportXlsx(name, headers(), rows()).catch(showError));
  });
  return `<button id="${id}-csv" type="button">${esc(t('exportCsv'))}</button>
    <button id="${id}-xlsx" type="button">${esc(t('exportXlsx'))}</button>`;
}

// ---------------------------------------------------------------- views

let routed = 0; // counts route() calls
/**
 * For a view about to load: whether another route has been taken since. A view
 * draws after its queries answer, so one still loading (the dashboard a sign-in
 * opened) must not draw over the view the user went on to (a board).
 */
function supersession() {
  const mine = routed;
  return () => mine !== routed;
}

async function signInView() {
  const superseded = supersession();
  let identities = [];
  try {
    const res = await fetch('/demo/identities');
    if (res.ok) identities = await res.json();
  } catch {
    // not the demo
  }
  if (superseded()) return;
  view.innerHTML = `<section class="card signin">
    <h1>${esc(t('signInTitle'))}</h1>
    <p class="muted">${esc(t('signInHelp'))}</p>
    <form id="signin"><textarea id="token" aria-label="token" spellcheck="false"></textarea>
      <p><button class="primary" type="submit">${esc(t('signIn'))}</button></p></form>
    ${
      identities.length
        ? `<h2>${esc(t('demoIdentities'))}</h2><div class="identities">${identities
            .map((i, n) => `<button type="button" data-identity="${n}">${esc(i.label)}</button>`)
            .join('')}</div>`
        : ''
    }
  </section>`;
  const use = (value) => {
    token = value.trim();
    sessionStorage.setItem('token', token);
    connectLive();
    location.hash = claims()?.role === 'LEADER' ? '#/queue' : '#/';
  };
  document.getElementById('signin').addEventListener('submit', (e) => {
    e.preventDefault();
    use(document.getElementById('token').value);
  });
  view
    .querySelectorAll('[data-identity]')
    .forEach((b) => b.addEventListener('click', () => use(identities[b.dataset.identity].token)));
}

async function dashboardView() {
  const superseded = supersession();
  const d = (
    await gql(`{ nationalDashboard {
    asOf
    programs { program { code name model owner { name } } health openEscalations progress { percentComplete total done late blocked atRisk } }
    escalationsByLevel { level count }
    laggingProvinces(first: 10) { unit { code name } health progress { late blocked total } }
  } }`)
  ).nationalDashboard;
  if (superseded()) return;
  view.innerHTML = `<h1>${esc(t('dashboardTitle'))}</h1>
    <p class="muted">${esc(t('asOf'))} <strong>${esc(d.asOf)}</strong></p>
    <table><thead><tr><th>${esc(t('program'))}</th><th>${esc(t('owner'))}</th><th>${esc(t('progress'))}</th>
      <th>${esc(t('health'))}</th><th>${esc(t('late'))}</th><th>${esc(t('blocked'))}</th><th>${esc(t('openEscalations'))}</th></tr></thead>
    <tbody>${d.programs
      .map(
        (p) => `<tr>
      <td>${p.program.model === 'FEDERATED' ? `<a href="#/board/${esc(p.program.code)}">${esc(p.program.name)}</a>` : esc(p.program.name)}</td>
      <td>${esc(p.program.owner.name)}</td>
      <td><progress max="100" value="${p.progress.percentComplete}" title="${pct(p.progress.percentComplete)}"></progress> ${pct(p.progress.percentComplete)}</td>
      <td>${badge(p.health)}</td><td>${p.progress.late}</td><td>${p.progress.blocked}</td>
      <td><a href="#/queue?program=${esc(p.program.code)}">${p.openEscalations}</a></td></tr>`,
      )
      .join('')}</tbody></table>
    <div class="grid">
      <section><h2>${esc(t('byLevel'))}</h2><table><tbody>${d.escalationsByLevel
        .slice()
        .reverse()
        .map((l) => `<tr><td>${levelBadge(l.level)}</td><td>${l.count}</td></tr>`)
        .join('')}</tbody></table></section>
      <section><h2>${esc(t('lagging'))}</h2><table><thead><tr><th>${esc(t('province'))}</th><th>${esc(t('late'))}</th>
        <th>${esc(t('blocked'))}</th><th>${esc(t('health'))}</th></tr></thead><tbody>${d.laggingProvinces
          .map(
            (r) =>
              `<tr><td>${esc(r.unit.name)}</td><td>${r.progress.late}</td><td>${r.progress.blocked}</td><td>${badge(r.health)}</td></tr>`,
          )
          .join('')}</tbody></table></section>
    </div>`;
}

async function boardMilestones(code) {
  const all = [];
  let after = null;
  do {
    const page = (
      await gql(
        `query($code: ID!, $after: String) { milestones(filter: { programCode: $code, scope: PROVINCE }, first: 200, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { id key health percentComplete status unit { code } } } } }`,
        { code, after },
      )
    ).milestones;
    all.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return all;
}

async function boardView(code) {
  const superseded = supersession();
  const filters = { text: '', health: '' };
  const [{ program, programs }, milestones] = await Promise.all([
    gql(
      `query($code: ID!) { programs { code name model } program(code: $code) { code name plan { key title scope }
      provinceBoard { unit { code name } health progress { percentComplete } } } }`,
      { code },
    ),
    boardMilestones(code),
  ]);
  if (!program) throw new Error(`${code}?`);
  const items = program.plan.filter((i) => i.scope === 'PROVINCE');
  const cell = new Map(milestones.map((m) => [`${m.unit.code}/${m.key}`, m]));
  const headers = () => [t('province'), t('rowHealth'), ...items.map((i) => `${i.key} ${i.title}`)];
  const visible = () =>
    program.provinceBoard.filter(
      (r) =>
        (!filters.text ||
          r.unit.name
            .toLowerCase()
            .normalize('NFD')
            .replace(/\p{M}/gu, '')
            .replace(/đ/g, 'd')
            .includes(
              filters.text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'),
            )) &&
        (!filters.health || r.health === filters.health),
    );
  const rows = () =>
    visible().map((r) => [
      r.unit.name,
      t('H_' + r.health),
      ...items.map((i) => {
        const m = cell.get(`${r.unit.code}/${i.key}`);
        return m ? `${t('H_' + m.health)} ${m.percentComplete}%` : '';
      }),
    ]);
  const render = () => {
    document.getElementById('board').innerHTML =
      `<table><thead><tr><th>${esc(t('province'))}</th><th>${esc(t('rowHealth'))}</th>
      ${items.map((i) => `<th title="${esc(i.title)}">${esc(i.key)}<br><span class="muted">${esc(i.title)}</span></th>`).join('')}</tr></thead>
      <tbody>${visible()
        .map(
          (
            r,
          ) => `<tr data-province="${esc(r.unit.code)}"><td>${esc(r.unit.name)}</td><td>${badge(r.health)}</td>
        ${items
          .map((i) => {
            const m = cell.get(`${r.unit.code}/${i.key}`);
            return `<td>${m ? `<a class="cell h-${m.health}" data-key="${esc(i.key)}" href="#/milestone/${m.id}" title="${esc(t('H_' + m.health))}">${HEALTH_ICON[m.health]} ${m.percentComplete}%</a>` : ''}</td>`;
          })
          .join('')}</tr>`,
        )
        .join('')}</tbody></table>`;
  };
  if (superseded()) return;
  view.innerHTML = `<h1>${esc(t('boardTitle'))}: ${esc(program.name)}</h1>
    <div class="filters">
      <select id="program" aria-label="${esc(t('program'))}">${programs
        .filter((p) => p.model === 'FEDERATED')
        .map(
          (p) =>
            `<option value="${esc(p.code)}" ${p.code === code ? 'selected' : ''}>${esc(p.name)}</option>`,
        )
        .join('')}</select>
      <input id="q" placeholder="${esc(t('filterProvince'))}" aria-label="${esc(t('filterProvince'))}">
      <select id="h" aria-label="${esc(t('health'))}"><option value="">${esc(t('allHealth'))}</option>
        ${['BLOCKED', 'LATE', 'AT_RISK', 'ON_TRACK', 'DONE'].map((h) => `<option value="${h}">${esc(t('H_' + h))}</option>`).join('')}</select>
      ${exportButtons(`bang-1-63-${code}`, headers, rows)}
    </div>
    <div class="scroll" id="board"></div>`;
  document
    .getElementById('program')
    .addEventListener('change', (e) => (location.hash = `#/board/${e.target.value}`));
  document.getElementById('q').addEventListener('input', (e) => {
    filters.text = e.target.value;
    render();
  });
  document.getElementById('h').addEventListener('change', (e) => {
    filters.health = e.target.value;
    render();
  });
  render();
}

const QUEUE = `query($filter: EscalationFilter) { escalations(filter: $filter, first: 200) { totalCount edges { node {
  id level reason state ageDays waitingUnits note
  milestone { id key title unit { name } program { code name } } } } } }`;

async function queueView(params) {
  const superseded = supersession();
  const filter = { mine: true };
  if (params.get('program')) filter.programCode = params.get('program');
  const data = await gql(QUEUE, { filter });
  const list = data.escalations.edges.map((e) => e.node);
  const headers = () => [
    t('level'),
    t('reason'),
    t('age'),
    t('milestone'),
    t('unit'),
    t('program'),
    t('state'),
    t('waiting'),
  ];
  const rows = () =>
    list.map((e) => [
      t('L_' + e.level),
      t('R_' + e.reason),
      e.ageDays,
      e.milestone.title,
      e.milestone.unit.name,
      e.milestone.program.name,
      t('S_' + e.state),
      e.waitingUnits || '',
    ]);
  if (superseded()) return;
  view.innerHTML = `<h1>${esc(t('queueTitle'))}</h1>
    <div class="filters"><span class="muted">${esc(t('total'))}: <strong id="queue-total">${data.escalations.totalCount}</strong></span>
      ${exportButtons('kien-nghi', headers, rows)}</div>
    ${
      list.length === 0
        ? `<p>${esc(t('empty'))}</p>`
        : `<div class="scroll"><table id="queue"><thead><tr>
      <th>${esc(t('level'))}</th><th>${esc(t('reason'))}</th><th>${esc(t('age'))}</th><th>${esc(t('milestone'))}</th>
      <th>${esc(t('unit'))}</th><th>${esc(t('state'))}</th><th></th></tr></thead><tbody>${list
        .map(
          (e) => `<tr data-id="${e.id}" data-reason="${e.reason}">
      <td>${levelBadge(e.level)}</td><td>${esc(t('R_' + e.reason))}${e.waitingUnits ? ` <span class="muted">(${e.waitingUnits} ${esc(t('waiting'))})</span>` : ''}</td>
      <td>${e.ageDays}</td><td><a href="#/milestone/${e.milestone.id}">${esc(e.milestone.title)}</a><br><span class="muted">${esc(e.milestone.program.name)}</span></td>
      <td>${esc(e.milestone.unit.name)}</td><td class="state">${esc(t('S_' + e.state))}</td>
      <td><div class="row-actions">${e.state === 'OPEN' ? `<button type="button" data-ack="${e.id}">${esc(t('acknowledge'))}</button>` : ''}
        <input data-note="${e.id}" placeholder="${esc(t('notePlaceholder'))}" aria-label="${esc(t('note'))}">
        <button type="button" class="primary" data-resolve="${e.id}">${esc(t('resolve'))}</button></div></td></tr>`,
        )
        .join('')}</tbody></table></div>`
    }`;
  view.querySelectorAll('[data-ack]').forEach((b) =>
    b.addEventListener('click', async () => {
      b.disabled = true;
      await gql(`mutation($id: ID!) { acknowledgeEscalation(id: $id) { id state } }`, {
        id: b.dataset.ack,
      }).catch(showError);
      await refresh();
    }),
  );
  view.querySelectorAll('[data-resolve]').forEach((b) =>
    b.addEventListener('click', async () => {
      const note = view.querySelector(`[data-note="${b.dataset.resolve}"]`).value.trim();
      if (!note) return showError(new Error(t('noteRequired')));
      b.disabled = true;
      await gql(
        `mutation($id: ID!, $note: String!) { resolveEscalation(id: $id, note: $note) { id state } }`,
        { id: b.dataset.resolve, note },
      ).catch(showError);
      await refresh();
    }),
  );
}

async function milestoneView(id) {
  const superseded = supersession();
  const { milestone: m } = await gql(
    `query($id: ID!) { milestone(id: $id) {
    key title status health percentComplete baselineDue forecastDue completedOn daysLate blocker note lastReportedAt
    unit { name } program { code name }
    history(first: 50) { edges { node { seq outcome status percentComplete note reportedBy reportedAt } } }
    escalations { level reason state ageDays waitingUnits note history { at kind level actor note } }
  } }`,
    { id },
  );
  if (!m) throw new Error(`${id}?`);
  const fact = (k, v) => `<dt>${esc(t(k))}</dt><dd>${v}</dd>`;
  if (superseded()) return;
  view.innerHTML = `<p><button type="button" id="back">← ${esc(t('back'))}</button></p>
    <h1>${esc(m.title)}</h1><p class="muted">${esc(m.program.name)} · ${esc(m.unit.name)} · ${esc(m.key)}</p>
    <div class="grid"><section class="card"><dl class="facts">
      ${fact('health', badge(m.health))}${fact('status', esc(m.status))}${fact('percent', `${m.percentComplete}%`)}
      ${fact('baselineDue', esc(m.baselineDue))}${fact('forecastDue', esc(m.forecastDue ?? '—'))}
      ${fact('completedOn', esc(m.completedOn ?? '—'))}${fact('daysLate', m.daysLate)}
      ${fact('blocker', esc(m.blocker ?? '—'))}${fact('note', esc(m.note ?? '—'))}</dl></section>
    <section class="card"><h2>${esc(t('escalations'))}</h2>${
      m.escalations.length
        ? m.escalations
            .map(
              (e) => `<div>
      <p>${levelBadge(e.level)} ${esc(t('R_' + e.reason))} · ${esc(t('S_' + e.state))} · ${e.ageDays} ${esc(t('age'))}</p>
      <ul>${e.history.map((h) => `<li>${esc(h.at.slice(0, 10))} ${esc(h.kind)} ${esc(t('L_' + h.level))} · ${esc(h.actor)}${h.note ? ` — ${esc(h.note)}` : ''}</li>`).join('')}</ul></div>`,
            )
            .join('')
        : `<p>${esc(t('empty'))}</p>`
    }</section></div>
    <h2>${esc(t('history'))}</h2>${
      m.history.edges.length
        ? `<table><thead><tr><th>seq</th><th>${esc(t('reportedAt'))}</th>
      <th>${esc(t('status'))}</th><th>${esc(t('percent'))}</th><th>${esc(t('outcome'))}</th><th>${esc(t('reportedBy'))}</th><th>${esc(t('note'))}</th></tr></thead>
      <tbody>${m.history.edges
        .map(
          ({
            node: h,
          }) => `<tr><td>${h.seq}</td><td>${esc(h.reportedAt)}</td><td>${esc(h.status)}</td>
      <td>${h.percentComplete}%</td><td>${esc(h.outcome)}</td><td>${esc(h.reportedBy)}</td><td>${esc(h.note ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table>`
        : `<p class="muted">${esc(t('noHistory'))}</p>`
    }`;
  document.getElementById('back').addEventListener('click', () => history.back());
}

// ---------------------------------------------------------------- router

async function route() {
  applyLanguage();
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  routed += 1;
  const params = new URLSearchParams(query ?? '');
  const parts = path.split('/').filter(Boolean);
  if (!token && parts[0] !== 'signin') {
    location.hash = '#/signin';
    return;
  }
  chrome();
  const views = {
    signin: () => signInView(),
    board: () => boardView(parts[1] ?? 'LAND'),
    queue: () => queueView(params),
    milestone: () => milestoneView(parts[1]),
  };
  const render = views[parts[0]] ?? dashboardView;
  refresh = parts[0] === 'signin' ? null : render;
  try {
    await render();
  } catch (e) {
    showError(e);
  }
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('lang', lang);
  void route();
});
document.getElementById('signout').addEventListener('click', signOut);
window.addEventListener('hashchange', () => void route());
if (token) connectLive();
void route();
