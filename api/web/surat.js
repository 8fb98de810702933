// Letters issued: download each signed PDF, open its public verification page.
import { $, api, esc, startPage, sayError, tanggal, LETTER_KINDS } from './app.js';

await startPage();
try {
  const { letters } = await api('GET', '/api/letters');
  $('#letters').innerHTML = letters.length
    ? letters
        .map(
          (l) => `<tr><td><strong>${esc(l.number)}</strong></td><td>${esc(LETTER_KINDS[l.kind] || l.kind)}</td>
          <td>${l.case_id ? `<a href="/berkas/${encodeURIComponent(l.case_id)}">${esc(l.case_id)}</a>` : '—'}</td>
          <td>${esc(tanggal(l.issued_at))}</td><td>${esc(l.signer)}</td>
          <td><a href="/api/letters/${l.id}/pdf" download>Unduh PDF</a> · <a href="/verify/${l.id}">Halaman verifikasi</a></td></tr>`,
        )
        .join('')
    : '<tr><td colspan="6">Belum ada surat yang diterbitkan.</td></tr>';
} catch (e) {
  sayError(e);
}
