// The verifiers' queue: cases with open error flags, oldest first, with the
// SOP's standard time and the overdue ones marked.
import { $, api, esc, startPage, sayError, say, rowKeys, typing, PROGRAMS, STAGES, FLAG_CODES, tanggal } from './app.js';

await startPage();

for (const [key, text] of Object.entries(PROGRAMS)) $('#program').add(new Option(text, key));
for (const [key, text] of Object.entries(FLAG_CODES)) $('#code').add(new Option(text, key));
const params = new URLSearchParams(location.search);
for (const name of ['program', 'code', 'hospital', 'batch']) if (params.get(name)) $('#' + name).value = params.get(name);

async function load() {
  const query = new URLSearchParams();
  for (const name of ['program', 'code', 'hospital', 'batch']) if ($('#' + name).value) query.set(name, $('#' + name).value);
  history.replaceState(null, '', query.size ? '?' + query : location.pathname);
  try {
    const { queue } = await api('GET', '/api/review-queue?' + query);
    const focused = document.activeElement?.dataset?.case;
    $('#queue').innerHTML = queue
      .map(
        (c) => `<tr tabindex="0" data-case="${esc(c.case_id)}" class="${c.overdue ? 'overdue' : ''}">
        <td><a href="/berkas/${encodeURIComponent(c.case_id)}" tabindex="-1">${esc(c.case_id)}</a></td>
        <td>${esc(PROGRAMS[c.program] || c.program)}<br><span class="small muted">${esc(STAGES[c.stage] || c.stage)}</span></td>
        <td>${esc(c.applicant)}</td><td>${esc(c.hospital)}</td><td>${esc(tanggal(c.received_date))}</td>
        <td>${c.working_days_waiting} hari kerja<br><span class="small muted">standar ${c.standard_working_days} hari kerja</span>
          ${c.overdue ? '<br><span class="badge bad">Terlambat</span>' : ''}</td>
        <td>${c.codes.map((code) => `<span class="badge bad">${esc(FLAG_CODES[code] || code)}</span>`).join('')}</td></tr>`,
      )
      .join('');
    if (!queue.length) $('#queue').innerHTML = '<tr><td colspan="7">Tidak ada berkas yang perlu diverifikasi.</td></tr>';
    const overdue = queue.filter((c) => c.overdue).length;
    $('#summary').textContent = `${queue.length} berkas menunggu verifikasi, ${overdue} melewati standar waktu.`;
    const again = focused && $(`tr[data-case="${CSS.escape(focused)}"]`);
    if (again) again.focus();
    say('');
  } catch (e) {
    sayError(e);
  }
}

const open = (row) => (location.href = '/berkas/' + encodeURIComponent(row.dataset.case));
rowKeys($('#queue'), open);
$('#queue').addEventListener('click', (event) => {
  const row = event.target.closest('tr[data-case]');
  if (row) open(row);
});
$('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
$('#filters').addEventListener('reset', () => setTimeout(load));
document.addEventListener('keydown', (event) => {
  if (typing(event)) return;
  if (event.key === '/') {
    event.preventDefault();
    $('#program').focus();
  }
  if ((event.key === 'j' || event.key === 'ArrowDown') && !document.activeElement.closest('#queue')) {
    const first = $('#queue tr[tabindex]');
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }
});
await load();
setInterval(load, 30000);
