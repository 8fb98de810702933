// Register cells for review: each cell's piece of the scan beside what was
// read and why a person must look; the archivist types what the paper says
// and presses Enter. The server checks the value by the column's type.
import { $, $$, api, esc, startPage, REGISTERS, say, sayError } from './app.js';

await startPage();

const HINTS = {
  date: 'tanggal, mis. 27-01-2025',
  nik: 'NIK, 16 angka',
  kk_number: 'nomor KK, 16 angka',
  money: 'jumlah rupiah, mis. 1.250.000',
  letter_number: 'nomor surat, mis. 440/123/REK/DINKES/2025',
  seq: 'nomor urut',
  name: 'nama',
  text: 'teks',
};

// Why a cell waits for a person, as the reader and the type checks say it.
const REASONS = {
  'written by hand': 'tulisan tangan',
  'low confidence': 'terbaca ragu',
  'row number out of sequence': 'nomor urut tidak berurutan',
  'not a row number': 'bukan nomor urut',
  'not a date': 'bukan tanggal yang sah',
  'not a possible NIK': 'bukan NIK yang mungkin (kode wilayah atau tanggal lahir tidak sah)',
  'not a possible KK number': 'bukan nomor KK yang mungkin',
  'not an amount': 'bukan jumlah uang',
  'not a letter number (parts/.../year)': 'bukan nomor surat (bagian/.../tahun)',
};
const reason = (text) => {
  for (const [en, id] of Object.entries(REASONS)) if (text.includes(en)) return id;
  return text;
};

async function load() {
  try {
    const { cells } = await api('GET', '/api/registers/review?limit=200');
    say(cells.length ? `${cells.length} sel menunggu tinjauan.` : 'Tidak ada sel register yang menunggu tinjauan.', 'ok');
    $('#cells').innerHTML = cells.length
      ? `<table><thead><tr><th>Register, pindaian, baris</th><th>Potongan pindaian</th><th>Terbaca</th><th>Isi yang benar</th></tr></thead><tbody>${cells
          .map(
            (c) => `<tr data-id="${c.id}" data-type="${esc(c.type)}" data-column="${esc(c.column)}" data-source="${esc(c.source)}" data-row="${c.row}">
        <td>${esc(REGISTERS[c.register] || c.register)}<br><span class="small muted">${esc(c.source)}, hal. ${c.page}, baris ${c.row}</span><br><strong>${esc(c.header)}</strong></td>
        <td><img class="cell-scan" src="/api/register-cells/${c.id}/image" alt="Potongan pindaian kolom ${esc(c.header)}, baris ${c.row}"></td>
        <td><code>${esc(c.read_text) || '<span class="muted">(kosong)</span>'}</code><br><span class="small muted">${esc(reason(c.reason))}</span></td>
        <td><form class="correct"><label class="small muted" for="v${c.id}">${esc(HINTS[c.type] || c.type)}</label>
          <input id="v${c.id}" name="value" value="${esc(c.value)}" autocomplete="off">
          <button type="submit">Simpan</button><div class="small result" role="status"></div></form></td></tr>`,
          )
          .join('')}</tbody></table>`
      : '';
    for (const form of $$('form.correct')) form.addEventListener('submit', save);
    $('form.correct input')?.focus();
  } catch (e) {
    sayError(e);
  }
}

async function save(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const row = form.closest('tr');
  const result = $('.result', form);
  try {
    const cell = await api('POST', `/api/register-cells/${row.dataset.id}`, { value: form.value.value });
    row.classList.add('done');
    result.textContent = `Tersimpan: ${cell.value || '(kosong)'}`;
    form.value.value = cell.value;
    form.value.disabled = true;
    $('button', form).disabled = true;
    result.classList.remove('error');
    // On to the next cell still to review.
    $('form.correct input:not(:disabled)')?.focus();
  } catch (e) {
    result.textContent = `Belum tersimpan: ${reason(e.message)}.`;
    result.classList.add('error');
    form.value.focus();
  }
}

await load();
