// Batches uploaded by the scanner stations, and an upload form for those
// who may upload from a browser; the list refreshes while batches are read.
import { $, api, esc, startPage, say, sayError, tanggal } from './app.js';

const me = await startPage();
$('#upload').hidden = !['scanner', 'admin'].includes(me.role);

async function load() {
  try {
    const { batches } = await api('GET', '/api/batches');
    $('#batches').innerHTML = batches.length
      ? batches
          .map(
            (b) => `<tr><td>${b.batch_id}</td><td>${esc(b.label)}</td><td>${esc(tanggal(b.created_at))} ${esc(b.created_at.slice(11, 16))}</td>
            <td>${b.files}</td><td>${b.complete ? '<span class="badge ok">selesai dibaca</span>' : '<span class="badge warn">sedang dibaca</span>'}
            ${me.role !== 'scanner' ? ` <a href="/antrian?batch=${b.batch_id}">temuan</a>` : ''}</td></tr>`,
          )
          .join('')
      : '<tr><td colspan="5">Belum ada kiriman.</td></tr>';
  } catch (e) {
    sayError(e);
  }
}

$('#upload').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData();
  if ($('#label').value.trim()) form.append('label', $('#label').value.trim());
  if ($('#cases').files[0]) form.append('cases', $('#cases').files[0]);
  for (const file of $('#files').files) form.append('files', file, file.webkitRelativePath || file.name);
  say('Mengirim…');
  try {
    const r = await api('POST', '/api/batches', form);
    say(`Kiriman ${r.batch_id} diterima${r.repeated ? ' (sudah pernah dikirim)' : ''}: ${r.files.length} berkas pindaian tersimpan.`);
    $('#upload').reset();
    load();
  } catch (e) {
    sayError(e);
  }
});
await load();
setInterval(load, 15000);
