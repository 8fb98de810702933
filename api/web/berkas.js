// The case page: the scans with every read field's box, the flags with the
// case value and the read value side by side, and — for a verifier — the
// decisions on each flag, all on the keyboard. Approvers and archivists see
// the same case without the verifier's actions.
import {
  $, $$, api, esc, startPage, say, sayError, typing, fieldName, tanggal,
  PROGRAMS, STAGES, CASE_STATUS, DOC_TYPES, FLAG_CODES, LETTER_KINDS,
} from './app.js';

const me = await startPage();
const ref = decodeURIComponent(location.pathname.split('/')[2] || '');
const verifier = me.role === 'verifier';
const canIssue = me.role === 'approver' || me.role === 'admin';

let data = null;   // GET /api/cases/{ref}
let flags = [];    // the open flags, in order
let current = -1;  // index into flags
let pageId = 0;    // the page shown
let zoom = 1;
let form = null;   // 'correct' | 'return' while a form is open

const byId = (docs, id) => docs.find((d) => d.id === id);

async function load() {
  try {
    data = await api('GET', '/api/cases/' + encodeURIComponent(ref));
  } catch (e) {
    $('#title').textContent = 'Berkas ' + ref;
    sayError(e);
    return;
  }
  flags = data.flags.filter((f) => f.status === 'open').sort((a, b) => (a.severity === b.severity ? a.id - b.id : a.severity === 'error' ? -1 : 1));
  if (current >= flags.length) current = flags.length - 1;
  if (current < 0 && flags.length) current = 0;
  render();
  loadHistory();
}

function render() {
  const c = data.case;
  document.title = `Berkas ${data.case_id} - berkas`;
  $('#title').innerHTML = `Berkas ${esc(data.case_id)} <span class="badge ${data.status === 'review' ? 'bad' : 'ok'}" id="case-status">${esc(CASE_STATUS[data.status] || data.status)}</span>`;
  renderFacts(c);
  renderPages();
  renderFlags();
  renderApproval();
  renderKeys();
  if (current >= 0) selectFlag(current, !form);
  else if (!pageId && data.documents.length) showPage(data.documents[0].page_id);
}

function renderFacts(c) {
  const a = c.applicant || {};
  const care = c.care || {};
  const claim = c.claim || {};
  const rows = [
    ['Program', PROGRAMS[c.program] || c.program],
    ['Tahap', STAGES[c.stage] || c.stage],
    ['Diterima', tanggal(c.received_date)],
    ['Nama', a.name],
    ['NIK', a.nik],
    ['Nomor KK', a.kk_number],
    ['Kepala keluarga', a.head_name],
    ['Tempat, tanggal lahir', [a.birth_place, tanggal(a.birth_date)].filter(Boolean).join(', ')],
    ['Jenis kelamin', a.sex === 'F' ? 'Perempuan' : a.sex === 'M' ? 'Laki-laki' : a.sex],
    ['Alamat', a.address],
    ['Rumah sakit', care.hospital],
    ['Dirawat', [tanggal(care.admission_date), tanggal(care.discharge_date)].filter(Boolean).join(' s.d. ')],
    ['Nomor tagihan', claim.invoice_number],
    ['Jumlah tagihan', claim.amount ? 'Rp ' + Number(claim.amount).toLocaleString('id-ID') : ''],
  ];
  $('#facts').innerHTML = rows
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('');
}

function pageList() {
  const pages = [];
  for (const d of data.documents) {
    let p = pages.find((x) => x.id === d.page_id);
    if (!p) pages.push((p = { id: d.page_id, source: d.source, page: d.page, size: d.page_size, docs: [] }));
    p.docs.push(d);
  }
  return pages;
}

function renderPages() {
  const pages = pageList();
  $('#pages').innerHTML = pages
    .map(
      (p, i) => `<button type="button" class="secondary" data-page="${p.id}" aria-pressed="${p.id === pageId}"
        title="${esc(p.source)}, halaman ${p.page}">${i + 1}. ${esc(p.docs.map((d) => DOC_TYPES[d.doc_type] || d.doc_type).join(', '))}</button>`,
    )
    .join(' ');
  if (!pages.length) $('#pages').textContent = 'Belum ada dokumen terbaca untuk berkas ini.';
  $$('#pages button').forEach((b) => b.addEventListener('click', () => showPage(Number(b.dataset.page))));
}

function showPage(id) {
  const page = pageList().find((p) => p.id === id);
  if (!page) return;
  if (pageId !== id) {
    pageId = id;
    $('#scan').src = `/api/pages/${id}/image`;
    $('#scan').alt = `Pindaian ${page.source}, halaman ${page.page}`;
  }
  $$('#pages button').forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.page) === id)));
  drawBoxes(page);
}

// Boxes are in the page's stored pixels; the SVG's viewBox maps them onto
// the image whatever size it is shown at.
function drawBoxes(page) {
  const [w, h] = page.size;
  const svg = $('#boxes');
  svg.setAttribute('viewBox', `0 0 ${w || 1} ${h || 1}`);
  const flag = flags[current];
  const rect = (b, cls, title) =>
    b && b[2] > 0 && b[3] > 0 ? `<rect class="${cls}" x="${b[0]}" y="${b[1]}" width="${b[2]}" height="${b[3]}"><title>${esc(title)}</title></rect>` : '';
  let out = '';
  for (const d of page.docs) {
    out += rect(d.bbox, 'doc', DOC_TYPES[d.doc_type] || d.doc_type);
    for (const [name, f] of Object.entries(d.fields || {})) {
      const flagged = flags.some((x) => x.document_id === d.id && x.field === name);
      out += rect(f.bbox, 'field' + (flagged ? ' flagged' : ''), `${fieldName(name)}: ${f.value}`);
    }
  }
  const box = flag && flagBox(flag);
  if (box && box.page === page.id) out += rect(box.bbox, 'field current', FLAG_CODES[flag.code] || flag.code);
  svg.innerHTML = out;
}

// Where a flag points: its own box, else its field's, else its document's.
function flagBox(flag) {
  const doc = byId(data.documents, flag.document_id);
  if (!doc) return null;
  const leaf = (flag.field || '').split('.').pop();
  const bbox = (flag.bbox && flag.bbox[2] > 0 && flag.bbox) || doc.fields?.[leaf]?.bbox || doc.bbox;
  return { page: doc.page_id, bbox };
}

function applyZoom() {
  $('#sheet').style.width = zoom * 100 + '%';
  $('#zoom-level').textContent = Math.round(zoom * 100) + '%';
}

// Brings a box (page pixels) into view, `margin` of the viewer from its top left.
function scrollToBox(bbox, page, margin) {
  const sheet = $('#sheet');
  const scale = sheet.clientWidth / (page.size[0] || 1);
  const scroll = $('#scroll');
  scroll.scrollTo({
    left: Math.max(0, bbox[0] * scale - scroll.clientWidth * margin),
    top: Math.max(0, bbox[1] * scale - scroll.clientHeight * margin),
  });
}

function renderFlags() {
  const decided = data.flags.filter((f) => f.status === 'resolved');
  let html = flags.length
    ? `<p class="small muted">${flags.length} temuan terbuka.</p>`
    : `<p class="message ok" id="no-flags">Tidak ada temuan terbuka.${data.status === 'clean' ? ' Berkas siap disetujui.' : ''}</p>`;
  html += flags.map((f, i) => flagCard(f, i)).join('');
  if (decided.length)
    html += `<details><summary>${decided.length} temuan sudah diputuskan</summary>${decided.map((f) => flagCard(f, -1)).join('')}</details>`;
  if (verifier && ['review', 'clean', 'received'].includes(data.status))
    html += `<div class="actions"><button type="button" class="secondary" id="return-open">Kembalikan ke pemohon <kbd>R</kbd></button></div>
      <form class="inline" id="return-form" hidden>
        <label for="return-note">Alasan dikembalikan (disampaikan ke pemohon)</label>
        <textarea id="return-note" required placeholder="mis. SKTM belum dilampirkan"></textarea>
        <div class="actions"><button type="submit" class="danger">Kembalikan berkas</button>
        <button type="button" class="secondary" data-cancel>Batal <kbd>Esc</kbd></button></div>
      </form>`;
  $('#flags').innerHTML = html;
  $$('#flags .flag[data-index]').forEach((card) =>
    card.addEventListener('click', (event) => {
      if (!event.target.closest('button, form')) selectFlag(Number(card.dataset.index));
    }),
  );
  $('#return-open')?.addEventListener('click', () => openForm('return'));
  $('#return-form')?.addEventListener('submit', submitReturn);
  $$('#flags [data-cancel]').forEach((b) => b.addEventListener('click', closeForm));
  $$('#flags [data-action]').forEach((b) => b.addEventListener('click', () => act(b.dataset.action)));
  $('#correct-form')?.addEventListener('submit', submitCorrection);
}

function flagCard(f, index) {
  const isCurrent = index === current && index >= 0;
  const fromDoc = f.document_id > 0;
  const doc = fromDoc ? byId(data.documents, f.document_id) : null;
  const canRead = fromDoc && f.found && f.expected;
  let html = `<div class="flag ${f.status === 'resolved' ? 'resolved' : f.severity === 'warning' ? 'warning' : ''} ${isCurrent ? 'current' : ''}"
      ${index >= 0 ? `data-index="${index}" tabindex="0"` : ''} data-flag="${f.id}" aria-current="${isCurrent}">
    <strong>${esc(FLAG_CODES[f.code] || f.code)}</strong> ${f.severity === 'warning' ? '<span class="badge warn">peringatan</span>' : ''}
    ${f.field ? `<span class="muted">— ${esc(fieldName(f.field))}</span>` : ''}
    ${doc ? `<div class="small muted">${esc(DOC_TYPES[doc.doc_type] || doc.doc_type)}, ${esc(doc.source)} hal. ${doc.page}</div>` : ''}
    ${f.expected || f.found ? `<div class="compare">
      <div><strong>Data berkas (diketik petugas)</strong><span class="value" data-role="expected">${esc(f.expected) || '—'}</span></div>
      <div><strong>${fromDoc ? 'Terbaca dari dokumen' : 'Menurut NIK / pembanding'}</strong><span class="value" data-role="found">${esc(f.found) || '—'}</span></div>
    </div>` : ''}`;
  if (isCurrent && verifier && f.status === 'open') {
    html += `<div class="actions">
      <button type="button" data-action="accept_read" ${canRead ? '' : 'disabled'}>Dokumen benar, pakai bacaan <kbd>B</kbd></button>
      <button type="button" data-action="correct" ${fromDoc && f.field ? '' : 'disabled'}>Koreksi bacaan <kbd>K</kbd></button>
      <button type="button" data-action="accept_case" class="secondary">Data berkas benar <kbd>D</kbd></button>
    </div>
    <form class="inline" id="correct-form" hidden>
      <label for="correct-value">Nilai yang tertulis di dokumen</label>
      <input type="text" id="correct-value" autocomplete="off" value="${esc(f.found)}" required>
      <label for="correct-note">Alasan koreksi</label>
      <input type="text" id="correct-note" autocomplete="off" required placeholder="mis. angka 8 terbaca 3">
      <div class="actions"><button type="submit">Simpan koreksi <kbd>Enter</kbd></button>
      <button type="button" class="secondary" data-cancel>Batal <kbd>Esc</kbd></button></div>
    </form>`;
  }
  return html + '</div>';
}

function selectFlag(index, focus = true) {
  if (index < 0 || index >= flags.length) return;
  if (index !== current) {
    current = index;
    form = null;
    renderFlags();
  }
  const flag = flags[current];
  const box = flagBox(flag);
  if (box) {
    showPage(box.page);
    const page = pageList().find((p) => p.id === box.page);
    // Zoom so the flagged document fills the viewer: a card on a page of
    // several is unreadable at page width.
    const doc = byId(data.documents, flag.document_id);
    const view = $('#scroll');
    if (doc && doc.bbox[2] > 0 && doc.bbox[3] > 0 && page.size[0] > 0) {
      const fitWidth = page.size[0] / doc.bbox[2];
      const fitHeight = (view.clientHeight * page.size[0]) / (view.clientWidth * doc.bbox[3]);
      zoom = Math.min(4, Math.max(1, 0.92 * Math.min(fitWidth, fitHeight)));
    }
    applyZoom();
    const go = () => scrollToBox(doc && doc.bbox[2] > 0 ? doc.bbox : box.bbox, page, doc ? 0.05 : 1 / 3);
    if ($('#scan').complete) go();
    else $('#scan').addEventListener('load', go, { once: true });
  } else if (pageId) {
    drawBoxes(pageList().find((p) => p.id === pageId));
  }
  if (focus) $(`#flags .flag[data-index="${current}"]`)?.focus();
}

function openForm(which) {
  const node = which === 'return' ? $('#return-form') : $('#correct-form');
  if (!node) return;
  form = which;
  node.hidden = false;
  const first = which === 'return' ? $('#return-note') : $('#correct-value');
  first.focus();
  first.select?.();
}

function closeForm() {
  if (!form) return;
  const node = form === 'return' ? $('#return-form') : $('#correct-form');
  if (node) node.hidden = true;
  form = null;
  $(`#flags .flag[data-index="${current}"]`)?.focus();
}

async function decide(body) {
  const flag = flags[current];
  try {
    await api('POST', `/api/flags/${flag.id}/review`, body);
    say(`Temuan "${FLAG_CODES[flag.code] || flag.code}" diputuskan dan dicatat.`);
    form = null;
    await load();
    $(`#flags .flag[data-index="${current}"]`)?.focus();
    if (!flags.length) $('#no-flags')?.setAttribute('tabindex', '-1'), $('#no-flags')?.focus();
  } catch (e) {
    sayError(e);
  }
}

function act(action) {
  if (!verifier || current < 0) return;
  const button = $(`#flags [data-action="${action}"]`);
  if (!button || button.disabled) return;
  if (action === 'correct') return openForm('correct');
  decide({ action });
}

function submitCorrection(event) {
  event.preventDefault();
  const value = $('#correct-value').value.trim();
  const note = $('#correct-note').value.trim();
  if (!value || !note) return say('Isi nilai dan alasan koreksi.', 'error');
  decide({ action: 'correct', value, note });
}

async function submitReturn(event) {
  event.preventDefault();
  const note = $('#return-note').value.trim();
  if (!note) return say('Tuliskan alasan berkas dikembalikan.', 'error');
  try {
    await api('POST', `/api/cases/${encodeURIComponent(ref)}/return`, { note });
    say('Berkas dikembalikan ke pemohon. Alasannya dicatat.');
    form = null;
    await load();
  } catch (e) {
    sayError(e);
  }
}

function renderApproval() {
  const chain = data.approval_chain || [];
  if (!chain.length) return;
  $('#approval-panel').hidden = false;
  const steps = chain
    .map((position, i) => {
      const a = data.approvals.find((x) => x.step === i + 1);
      const how = a ? `${a.decision === 'approved' ? 'disetujui' : 'ditolak'}${a.delegation ? ` (${esc(a.delegation)})` : ''}, ${tanggal(a.at)}` : 'menunggu';
      return `<li>${esc(position)}: <span class="${a ? (a.decision === 'approved' ? 'badge ok' : 'badge bad') : 'muted'}">${how}</span></li>`;
    })
    .join('');
  let html = `<ol>${steps}</ol>`;
  html += data.letters
    .map((l) => `<p>${esc(LETTER_KINDS[l.kind] || l.kind)} <strong>${esc(l.number)}</strong><br>
      <a href="/api/letters/${l.id}/pdf" download>Unduh PDF</a> · <a href="/verify/${l.id}">Halaman verifikasi</a></p>`)
    .join('');
  if (!data.letter_kind) html += '<p class="small muted">Program ini tidak menerbitkan surat pada tahap ini.</p>';
  else if (canIssue && data.status === 'approved' && !data.letters.length)
    html += `<button type="button" id="issue-letter">Terbitkan surat</button>`;
  if (me.role === 'approver' && data.status === 'clean') html += `<p class="small"><a href="/persetujuan">Putuskan di kotak persetujuan</a></p>`;
  $('#approval').innerHTML = html;
  $('#issue-letter')?.addEventListener('click', issueLetter);
}

async function issueLetter() {
  try {
    const letter = await api('POST', `/api/cases/${encodeURIComponent(ref)}/letter`);
    say(`Surat nomor ${letter.number} terbit dan ditandatangani secara elektronik.`);
    await load();
  } catch (e) {
    sayError(e);
  }
}

const KEYS = [
  ['N', 'temuan berikutnya'],
  ['P', 'temuan sebelumnya'],
  ['B', 'dokumen benar, pakai bacaan', true],
  ['K', 'koreksi bacaan (nilai dan alasan)', true],
  ['D', 'data berkas benar', true],
  ['R', 'kembalikan ke pemohon', true],
  ['+ / −', 'perbesar / perkecil gambar'],
  ['0', 'gambar pas lebar'],
  ['Esc', 'batalkan isian'],
];

function renderKeys() {
  $('#keys').innerHTML = KEYS.filter(([, , verifierOnly]) => verifier || !verifierOnly)
    .map(([key, text]) => `<li><kbd>${esc(key)}</kbd> ${esc(text)}</li>`)
    .join('');
}

const ACTIONS = [
  'Dibuat', 'Diubah', 'Diperiksa ulang', 'Temuan diputuskan', 'Dikembalikan ke pemohon', 'Disetujui', 'Ditolak', 'Surat terbit', 'Kiriman diterima',
];
const ACTION_CODES = ['case.create', 'case.update', 'case.check', 'flag.review', 'case.return', 'case.approve', 'case.reject', 'letter.issue', 'batch.upload'];
const DECISIONS = { accept_read: 'pakai bacaan dokumen', accept_case: 'data berkas benar', correct: 'bacaan dikoreksi' };

function historyDetail(h) {
  const after = h.after || {};
  if (h.action === 'flag.review')
    return `${esc(fieldName(h.before?.field))}: ${esc(DECISIONS[after.action] || after.action)}${after.value ? ` menjadi "${esc(after.value)}"` : ''}${after.note ? ` — ${esc(after.note)}` : ''}`;
  if (h.action === 'case.return') return esc(after.note || '');
  if (h.action === 'case.approve' || h.action === 'case.reject') return `${esc(after.position || '')}${after.delegation ? ` (${esc(after.delegation)})` : ''}${after.note ? ` — ${esc(after.note)}` : ''}`;
  if (h.action === 'case.check') return esc(CASE_STATUS[after.status] || after.status || '');
  return '';
}

async function loadHistory() {
  try {
    const { history } = await api('GET', `/api/cases/${encodeURIComponent(ref)}/history`);
    $('#history').innerHTML = history
      .map((h) => {
        const i = ACTION_CODES.indexOf(h.action);
        return `<li><span class="muted small">${esc(h.at.slice(0, 16))}</span> <strong>${esc(i >= 0 ? ACTIONS[i] : h.action)}</strong>
          oleh ${esc(h.actor.replace(/^web:/, ''))}<br>${historyDetail(h)}</li>`;
      })
      .join('');
  } catch (e) {
    $('#history').innerHTML = `<li class="muted">${esc(e.message)}</li>`;
  }
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') return closeForm();
  if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  const handlers = {
    n: () => selectFlag(current + 1),
    p: () => selectFlag(current - 1),
    b: () => act('accept_read'),
    k: () => act('correct'),
    d: () => act('accept_case'),
    r: () => verifier && openForm('return'),
    '+': () => ((zoom = Math.min(zoom * 1.25, 6)), applyZoom()),
    '=': () => ((zoom = Math.min(zoom * 1.25, 6)), applyZoom()),
    '-': () => ((zoom = Math.max(zoom / 1.25, 0.3)), applyZoom()),
    0: () => ((zoom = 1), applyZoom()),
  };
  if (!handlers[key]) return;
  event.preventDefault();
  handlers[key]();
});
$('#zoom-in').addEventListener('click', () => ((zoom = Math.min(zoom * 1.25, 6)), applyZoom()));
$('#zoom-out').addEventListener('click', () => ((zoom = Math.max(zoom / 1.25, 0.3)), applyZoom()));
$('#zoom-fit').addEventListener('click', () => ((zoom = 1), applyZoom()));

applyZoom();
await load();
