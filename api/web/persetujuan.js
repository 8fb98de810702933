// The approver's inbox: cases waiting at this official's step of their
// programme's chain, polled so new ones appear without reloading; approve or
// reject with a note; stand in for another official (a.n., Plt., Plh.).
import { $, $$, api, esc, startPage, say, sayError, typing, rowKeys, tanggal, PROGRAMS, STAGES, LETTER_KINDS } from './app.js';

const me = await startPage();
const POLL_MS = 5000;
const seen = new Set();
let first = true;

function row(item) {
  const before = item.approvals
    .map((a) => `${esc(a.position)}: ${esc(a.approver)}${a.delegation ? ` <span class="badge warn">${esc(a.delegation)}</span>` : ''}`)
    .join('<br>');
  const standIn = item.stand_in
    ? `<label for="delegation-${esc(item.case_id)}" class="small">Atas nama ${esc(item.position)} (${esc(item.holder || 'jabatan kosong')}) sebagai</label>
       <select id="delegation-${esc(item.case_id)}" data-delegation><option value="a.n.">a.n.</option><option value="Plt.">Plt.</option><option value="Plh.">Plh.</option></select>`
    : '';
  return `<tr tabindex="0" data-case="${esc(item.case_id)}" data-letter="${esc(item.letter_kind)}" class="${seen.has(item.case_id) || first ? '' : 'fresh'}">
    <td><a href="/berkas/${encodeURIComponent(item.case_id)}" tabindex="-1">${esc(item.case_id)}</a><br><span class="small muted">diterima ${esc(tanggal(item.received_date))}</span></td>
    <td>${esc(PROGRAMS[item.program] || item.program)}<br><span class="small muted">${esc(STAGES[item.stage] || item.stage)}</span></td>
    <td>${esc(item.applicant)}<br><span class="small muted">${esc(item.hospital)}</span></td>
    <td>${item.step} dari ${item.steps}: ${esc(item.position)}</td>
    <td class="small">${before || '<span class="muted">belum ada</span>'}</td>
    <td>${standIn}
      <label for="note-${esc(item.case_id)}" class="small">Catatan (wajib bila menolak)</label>
      <input type="text" id="note-${esc(item.case_id)}" data-note autocomplete="off">
      <div class="actions"><button type="button" data-decision="approve">Setujui <kbd>S</kbd></button>
      <button type="button" class="danger" data-decision="reject">Tolak <kbd>T</kbd></button></div></td></tr>`;
}

async function poll() {
  try {
    const standIn = $('#stand-in').checked ? '?stand_in=1' : '';
    const inbox = await api('GET', '/api/inbox' + standIn);
    $('#who').textContent = `${inbox.approver.name} — ${inbox.approver.position}`;
    const tbody = $('#inbox');
    const present = new Set(inbox.items.map((i) => i.case_id));
    // Keep rows being worked on; add the new, drop the gone.
    for (const tr of $$('tr[data-case]', tbody)) if (!present.has(tr.dataset.case)) tr.remove();
    $('tr.empty', tbody)?.remove();
    for (const item of inbox.items) {
      if ($(`tr[data-case="${CSS.escape(item.case_id)}"]`, tbody)) continue;
      tbody.insertAdjacentHTML('beforeend', row(item));
      seen.add(item.case_id);
    }
    if (!inbox.items.length) tbody.innerHTML = '<tr class="empty"><td colspan="6">Tidak ada berkas yang menunggu keputusan Anda.</td></tr>';
    $('#summary').textContent = `${inbox.count} berkas menunggu keputusan.`;
    first = false;
  } catch (e) {
    sayError(e);
  }
}

async function decide(tr, decision) {
  const note = $('[data-note]', tr).value.trim();
  if (decision === 'reject' && !note) {
    say('Tuliskan alasan penolakan pada kolom catatan.', 'error');
    $('[data-note]', tr).focus();
    return;
  }
  const body = { decision, note };
  const delegation = $('[data-delegation]', tr);
  if (delegation) body.delegation = delegation.value;
  try {
    const result = await api('POST', `/api/cases/${encodeURIComponent(tr.dataset.case)}/approval`, body);
    const next = tr.nextElementSibling || tr.previousElementSibling;
    tr.remove();
    const text = decision === 'reject' ? 'ditolak' : result.complete ? 'disetujui; rantai persetujuan lengkap' : `disetujui (langkah ${result.step} dari ${result.steps})`;
    say(`Berkas ${result.case_id} ${text}.`);
    const li = document.createElement('li');
    li.innerHTML = `<a href="/berkas/${encodeURIComponent(result.case_id)}">${esc(result.case_id)}</a> ${esc(text)}`;
    if (result.complete && tr.dataset.letter) {
      li.insertAdjacentHTML('beforeend', ' <button type="button" data-issue>Terbitkan surat</button>');
      $('[data-issue]', li).addEventListener('click', () => issue(result.case_id, li));
    }
    $('#done').prepend(li);
    // The next thing to do: issue the letter of a completed chain, else the next case.
    if ($('[data-issue]', li)) $('[data-issue]', li).focus();
    else if (next?.matches('tr[tabindex]')) next.focus();
    poll();
  } catch (e) {
    sayError(e);
  }
}

async function issue(caseId, li) {
  try {
    const letter = await api('POST', `/api/cases/${encodeURIComponent(caseId)}/letter`);
    $('[data-issue]', li).remove();
    li.insertAdjacentHTML(
      'beforeend',
      ` — ${esc(LETTER_KINDS[letter.kind] || letter.kind)} <strong>${esc(letter.number)}</strong>:
       <a href="/api/letters/${letter.id}/pdf" download>Unduh PDF</a> · <a href="/verify/${letter.id}">Halaman verifikasi</a>`,
    );
    say(`Surat nomor ${letter.number} terbit dan ditandatangani secara elektronik.`);
    $('a[download]', li).focus();
  } catch (e) {
    sayError(e);
  }
}

$('#inbox').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-decision]');
  if (button) decide(button.closest('tr'), button.dataset.decision);
});
rowKeys($('#inbox'), (tr) => (location.href = '/berkas/' + encodeURIComponent(tr.dataset.case)));
document.addEventListener('keydown', (event) => {
  if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
  const tr = document.activeElement?.closest?.('#inbox tr[data-case]');
  const key = event.key.toLowerCase();
  if (tr && (key === 's' || key === 't')) {
    event.preventDefault();
    decide(tr, key === 's' ? 'approve' : 'reject');
  } else if (!tr && (key === 'j' || event.key === 'ArrowDown')) {
    const firstRow = $('#inbox tr[tabindex]');
    if (firstRow) {
      event.preventDefault();
      firstRow.focus();
    }
  }
});
$('#stand-in').addEventListener('change', () => {
  $('#inbox').innerHTML = '';
  first = true;
  poll();
});
if (me.role !== 'approver') say('Halaman ini untuk pejabat penyetuju.', 'error');
await poll();
setInterval(poll, POLL_MS);
