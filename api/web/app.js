// Shared by every page: the API client, the page header, Bahasa Indonesia
// labels for the codes the API uses, and small DOM helpers. No framework and
// no build step: pages load this as an ES module from the same server.

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

// Text for HTML, so no value read from a scan can become markup.
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
}

// What an officer is told when a request fails; the server's own (English)
// reason goes to the console for whoever supports them.
const STATUS_TEXT = {
  400: 'Isian belum benar.',
  401: 'Sesi Anda telah berakhir. Silakan masuk lagi.',
  403: 'Anda tidak berhak melakukan tindakan ini.',
  404: 'Data tidak ditemukan.',
  409: 'Berkas sudah berubah atau sudah diputuskan. Muat ulang halaman.',
  413: 'Kiriman terlalu besar.',
  415: 'Jenis berkas tidak didukung.',
  503: 'Basis data sedang tidak terjangkau. Coba lagi sebentar lagi.',
};

export class ApiFailure extends Error {
  constructor(status, detail) {
    super(STATUS_TEXT[status] || `Permintaan gagal (kode ${status}).`);
    this.status = status;
    this.detail = detail;
  }
}

export async function api(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body instanceof FormData) {
    options.body = body;
  } else if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new ApiFailure(0, String(e));
  }
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== '/api/login') {
    location.href = '/masuk?lanjut=' + encodeURIComponent(location.pathname + location.search);
    throw new ApiFailure(401, data.error);
  }
  if (!response.ok) {
    console.warn(`berkas: ${method} ${path}: ${response.status} ${data.error || ''}`);
    throw new ApiFailure(response.status, data.error);
  }
  return data;
}

// Shows a message in the page's live region (read out by screen readers).
export function say(text, kind = 'ok') {
  const box = $('#message');
  if (!box) return;
  box.className = 'message ' + kind;
  box.textContent = text;
}

export function sayError(e) {
  say(e instanceof ApiFailure ? e.message : 'Terjadi kesalahan: ' + e, 'error');
}

const NAV = [
  { href: '/antrian', text: 'Antrian verifikasi', roles: ['verifier', 'admin'] },
  { href: '/persetujuan', text: 'Persetujuan', roles: ['approver'] },
  { href: '/surat', text: 'Surat', roles: ['verifier', 'approver', 'archivist', 'admin'] },
  { href: '/arsip', text: 'Pencarian arsip', roles: ['verifier', 'approver', 'archivist', 'admin'] },
  { href: '/tinjau-register', text: 'Tinjauan register', roles: ['archivist', 'admin'] },
  { href: '/kiriman', text: 'Kiriman pindaian', roles: ['scanner', 'verifier', 'admin'] },
];

export const ROLE_NAMES = {
  scanner: 'Petugas pemindai',
  verifier: 'Verifikator',
  approver: 'Pejabat penyetuju',
  archivist: 'Petugas arsip',
  admin: 'Administrator',
};

// Draws the header for the signed-in user and returns them.
export async function startPage() {
  const me = await api('GET', '/api/me');
  const header = document.createElement('header');
  header.className = 'top';
  const links = NAV.filter((n) => n.roles.includes(me.role))
    .map((n) => `<a href="${n.href}"${location.pathname.startsWith(n.href) ? ' aria-current="page"' : ''}>${esc(n.text)}</a>`)
    .join('');
  const who = me.official_name ? `${me.official_name} — ${me.level}` : me.display_name || me.username;
  header.innerHTML = `<span class="brand">berkas</span><nav aria-label="Menu utama">${links}</nav>
    <span class="who"><span>${esc(who)} <span class="badge">${esc(ROLE_NAMES[me.role] || me.role)}</span></span>
    <button type="button" id="sign-out" class="secondary">Keluar</button></span>`;
  document.body.prepend(header);
  const skip = document.createElement('a');
  skip.className = 'skip';
  skip.href = '#main';
  skip.textContent = 'Langsung ke isi halaman';
  document.body.prepend(skip);
  $('#sign-out').addEventListener('click', async () => {
    await api('POST', '/api/logout').catch(() => {});
    location.href = '/masuk';
  });
  return me;
}

// True when a key press belongs to a text field, not to the page's shortcuts.
export function typing(event) {
  const t = event.target;
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable;
}

export const PROGRAMS = {
  jampersal: 'Jampersal',
  sktm: 'SKTM (warga tidak mampu)',
  pbi: 'JKN PBI APBD',
  jamsoskes: 'Jamsoskes',
};

export const STAGES = { application: 'Pengajuan', claim: 'Klaim' };

export const CASE_STATUS = {
  received: 'Diterima',
  review: 'Perlu verifikasi',
  clean: 'Siap disetujui',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  returned: 'Dikembalikan ke pemohon',
  letter_issued: 'Surat terbit',
};

export const REGISTERS = {
  rekomendasi: 'Register pengajuan surat rekomendasi',
  klaim: 'Register verifikasi klaim',
  surat_masuk: 'Buku agenda surat masuk',
};

export const DOC_TYPES = { ktp: 'KTP', kk: 'Kartu Keluarga', sktm: 'SKTM', invoice: 'Tagihan RS', separator: 'Lembar pemisah', other: 'Dokumen lain' };

export const FLAG_CODES = {
  NIK_MISMATCH: 'NIK tidak sama',
  NIK_INVALID: 'NIK tidak sah',
  NAME_MISMATCH: 'Nama tidak sama',
  BIRTH_DATE_MISMATCH: 'Tanggal lahir tidak sama',
  SEX_MISMATCH: 'Jenis kelamin tidak sama',
  KK_NUMBER_MISMATCH: 'Nomor KK tidak sama',
  NOT_IN_KK: 'Tidak tercantum di KK',
  MISSING_DOCUMENT: 'Dokumen kurang',
  SKTM_EXPIRED: 'SKTM kedaluwarsa',
  LATE_CLAIM: 'Klaim lewat waktu',
  INVOICE_AMOUNT_MISMATCH: 'Jumlah tagihan tidak sama',
  INVOICE_DATES_MISMATCH: 'Tanggal rawat tidak sama',
  INVOICE_NUMBER_MISMATCH: 'Nomor tagihan tidak sama',
  INVOICE_PATIENT_MISMATCH: 'Nama pasien di tagihan tidak sama',
  LOW_CONFIDENCE: 'Bacaan kurang yakin',
};

const FIELD_NAMES = {
  nik: 'NIK',
  text: 'Teks dokumen',
  name: 'Nama',
  birth_date: 'Tanggal lahir',
  birth_place: 'Tempat lahir',
  sex: 'Jenis kelamin',
  kk_number: 'Nomor KK',
  head_name: 'Kepala keluarga',
  address: 'Alamat',
  amount: 'Jumlah',
  total: 'Jumlah tagihan',
  invoice_number: 'Nomor tagihan',
  patient_name: 'Nama pasien',
  admission_date: 'Tanggal masuk',
  discharge_date: 'Tanggal keluar',
  issue_date: 'Tanggal surat',
  valid_until: 'Berlaku sampai',
  hospital: 'Rumah sakit',
  members: 'Anggota keluarga',
};

// "ktp.nik" → "KTP: NIK"; unknown names are shown as they are.
export function fieldName(path) {
  if (!path) return '';
  const parts = path.split('.');
  const leaf = parts[parts.length - 1];
  const head = parts.length > 1 ? (DOC_TYPES[parts[0]] || parts[0]) + ': ' : '';
  return head + (FIELD_NAMES[leaf] || leaf.replace(/_/g, ' '));
}

export const LETTER_KINDS = {
  rekomendasi: 'Surat rekomendasi',
  persetujuan_pembayaran: 'Persetujuan pembayaran klaim',
  persetujuan_perawatan: 'Persetujuan perawatan',
  berita_acara: 'Berita acara verifikasi',
};

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

// "2026-11-25..." → "25 November 2026".
export function tanggal(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso || '';
}

// A NIK shown in lists: the region and the last digits only.
export function maskedNik(nik) {
  return nik && nik.length === 16 ? nik.slice(0, 6) + '••••••' + nik.slice(12) : nik || '';
}

// Roving focus over table rows: j/k (or arrows) move, Enter opens.
export function rowKeys(tbody, open) {
  tbody.addEventListener('keydown', (event) => {
    if (typing(event)) return;
    const rows = $$('tr[tabindex]', tbody);
    const at = rows.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'j' || event.key === 'ArrowDown') rows[Math.min(at + 1, rows.length - 1)].focus();
    else if (event.key === 'k' || event.key === 'ArrowUp') rows[Math.max(at - 1, 0)].focus();
    else if (event.key === 'Enter') open(rows[at]);
    else return;
    event.preventDefault();
  });
}
