// Archive search: cases, documents read from scans, rows of paper registers
// and letters, by NIK, KK number, name, letter or case number, or date.
import { $, api, esc, startPage, REGISTERS, say, sayError, tanggal, fieldName, PROGRAMS, STAGES, CASE_STATUS, DOC_TYPES, LETTER_KINDS } from './app.js';

await startPage();

function table(caption, head, rows) {
  return `<h2>${esc(caption)} (${rows.length})</h2>${
    rows.length ? `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="muted">Tidak ada.</p>'
  }`;
}

const caseLink = (id) => (id ? `<a href="/berkas/${encodeURIComponent(id)}">${esc(id)}</a>` : '<span class="muted">belum masuk berkas</span>');

async function search(q) {
  history.replaceState(null, '', '?q=' + encodeURIComponent(q));
  try {
    const r = await api('GET', '/api/search?q=' + encodeURIComponent(q));
    const total = r.cases.length + r.documents.length + r.register_rows.length + r.letters.length;
    say(total ? `${total} hasil untuk "${r.query}".` : `Tidak ada hasil untuk "${r.query}".`, total ? 'ok' : 'error');
    $('#results').innerHTML =
      table(
        'Berkas',
        ['Berkas', 'Program', 'Pemohon', 'NIK', 'Diterima', 'Status'],
        r.cases.map(
          (c) => `<tr><td>${caseLink(c.case_id)}</td><td>${esc(PROGRAMS[c.program] || c.program)}, ${esc(STAGES[c.stage] || c.stage)}</td>
          <td>${esc(c.applicant)}</td><td>${esc(c.nik)}</td><td>${esc(tanggal(c.received_date))}</td><td>${esc(CASE_STATUS[c.status] || c.status)}</td></tr>`,
        ),
      ) +
      table(
        'Dokumen',
        ['Dokumen', 'Berkas', 'Pindaian', 'Isian yang cocok'],
        r.documents.map(
          (d) => `<tr><td>${esc(DOC_TYPES[d.doc_type] || d.doc_type)}</td><td>${caseLink(d.case_id)}</td>
          <td><a href="/api/pages/${d.page_id}/image" target="_blank" rel="noopener">${esc(d.source)}, hal. ${d.page}</a> <span class="small muted">kiriman ${d.batch_id}</span></td>
          <td>${esc(fieldName(d.field))}: ${esc(d.value)}</td></tr>`,
        ),
      ) +
      table(
        'Baris register',
        ['Register', 'Pindaian', 'Baris', 'Isian yang cocok', 'Berkas', 'Surat'],
        r.register_rows.map(
          (row) => `<tr><td>${esc(REGISTERS[row.register] || row.register)}</td>
          <td>${esc(row.source)}, hal. ${row.page} <span class="small muted">kiriman ${row.batch_id}</span></td>
          <td>${row.row}</td><td>${esc(fieldName(row.column))}: ${esc(row.value)}</td>
          <td>${caseLink(row.case_id)}</td><td>${esc(row.letter)}</td></tr>`,
        ),
      ) +
      table(
        'Surat',
        ['Nomor surat', 'Jenis', 'Berkas', 'Tanggal terbit', 'Berkas PDF'],
        r.letters.map(
          (l) => `<tr><td><strong>${esc(l.number)}</strong></td><td>${esc(LETTER_KINDS[l.kind] || l.kind)}</td><td>${caseLink(l.case_id)}</td>
          <td>${esc(tanggal(l.issued_at))}</td><td><a href="/api/letters/${l.id}/pdf" download>Unduh PDF</a> · <a href="/verify/${l.id}">Verifikasi</a></td></tr>`,
        ),
      );
  } catch (e) {
    $('#results').innerHTML = '';
    sayError(e.status === 400 ? Object.assign(e, { message: 'Ketik paling sedikit 3 huruf, 16 angka NIK/KK, atau tanggal.' }) : e);
  }
}

$('#search').addEventListener('submit', (event) => {
  event.preventDefault();
  search($('#q').value.trim());
});
const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  $('#q').value = initial;
  search(initial);
}
