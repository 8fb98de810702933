// End-to-end test of the web pages in Debian's headless Chromium, as the
// office works: a private database, `berkas serve` and `berkas work`; a
// scanner station uploads the sample batch through the API; a verifier finds
// a flagged case and settles its flags on the keyboard (one by typing the
// correct value); each official approves in turn from the inbox, which shows
// new cases without reloading; the letter is issued, downloaded, checked with
// `berkas verify`, and its public verification page opened. Along the way:
// role separation in the browser, visible focus, 1366x768 without sideways
// scrolling, pages in Bahasa Indonesia, and no request leaving the server.
//
//   node tests/browser/web_e2e.mjs --berkas build/berkas [--screenshots DIR] [--chromium /usr/bin/chromium]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync, readdirSync, statSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const berkas = resolve(args.berkas || join(root, 'build/berkas'));
const shots = resolve(args.screenshots || join(root, 'build/screenshots'));
const chromiumPath = args.chromium || '/usr/bin/chromium';
const samples = join(root, 'samples/demo');
const PASSWORD = 'kata-sandi-uji-123';

let playwright;
try {
  playwright = await import('playwright-core');
} catch {
  console.error(`web_e2e: playwright-core is not installed; run: npm ci --prefix ${relative(process.cwd(), here) || '.'}`);
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`web_e2e: no Chromium at ${chromiumPath}; install Debian's chromium package`);
  process.exit(1);
}

const step = (text) => console.log(`web_e2e: ${text}`);
const home = mkdtempSync('/tmp/bkw-');
chmodSync(home, 0o755); // the embedded PostgreSQL runs as postgres and must enter it
const env = { ...process.env, BERKAS_HOME: home };
delete env.BERKAS_DATABASE_URL;
mkdirSync(shots, { recursive: true });

function run(argv, input) {
  const r = spawnSync(berkas, argv, { env, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`berkas ${argv.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const children = [];
function start(argv) {
  const child = spawn(berkas, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.log = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => child.log.push(line));
  children.push(child);
  return child;
}

function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  spawnSync(berkas, ['db', 'stop'], { env, encoding: 'utf8' });
  rmSync(home, { recursive: true, force: true });
}

async function waitFor(what, check, seconds) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

let browser;
const problems = []; // console errors, page errors, requests to elsewhere

try {
  // --- the office: certificates, users, server, worker ---------------------
  spawnSync(join(root, 'scripts/demo-ca.sh'), [join(home, 'certs')], { encoding: 'utf8' });
  const office = JSON.parse(readFileSync(join(root, 'templates/office.json'), 'utf8'));
  run(['user', 'add', 'stasiun', '--role', 'scanner'], PASSWORD + '\n');
  run(['user', 'add', 'verifikator', '--role', 'verifier', '--display-name', 'Siti Verifikator'], PASSWORD + '\n');
  run(['user', 'add', 'arsiparis', '--role', 'archivist'], PASSWORD + '\n');
  for (const o of office.officials) run(['user', 'add', o.key, '--role', 'approver', '--official', o.key], PASSWORD + '\n');

  const server = start(['serve', '--port', '0']);
  const listening = await waitFor('berkas serve to listen', () => server.log.find((l) => l.includes('listening on')), 60);
  const base = listening.slice(listening.indexOf('http://'));
  start(['work', '--threads', '2']);
  step(`server at ${base}`);

  // --- a scanner station uploads the sample batch through the API ----------
  const token = run(['user', 'token', 'stasiun']).trim().split('\n').pop();
  const form = new FormData();
  form.append('label', 'Uji peramban');
  form.append('cases', new Blob([readFileSync(join(samples, 'cases.json'))]), 'cases.json');
  const scans = join(samples, 'scans');
  const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  for (const file of walk(scans)) form.append('files', new Blob([readFileSync(file)]), relative(scans, file));
  const upload = await fetch(base + '/api/batches', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: form });
  assert.equal(upload.status, 201, 'the upload is accepted');
  const batch = (await upload.json()).batch_id;
  await waitFor(
    'the batch to be read',
    async () => {
      const status = await (await fetch(`${base}/api/batches/${batch}`, { headers: { Authorization: 'Bearer ' + token } })).json();
      return status.state === 'complete';
    },
    900,
  );
  step(`batch ${batch} read`);

  // --- the browser ----------------------------------------------------------
  browser = await playwright.chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const origin = new URL(base).origin;

  async function signIn(username) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && !/status of 403/.test(m.text()) && problems.push(`${username}: console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`${username}: page error: ${e.message}`));
    page.on('request', (r) => !r.url().startsWith(origin) && !r.url().startsWith('data:') && problems.push(`${username}: request to ${r.url()}`));
    await page.goto(base + '/');
    assert.equal(new URL(page.url()).pathname, '/masuk', 'signed out, / leads to the sign-in page');
    // Keyboard only: the user name field has focus, Tab to the password, Enter.
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/masuk'));
    return page;
  }

  // Every page: Bahasa, no sideways scrolling at 1366x768, focus visible.
  async function checkPage(page, what) {
    assert.equal(await page.getAttribute('html', 'lang'), 'id', `${what}: the page is in Bahasa Indonesia`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1366, `${what}: fits 1366 px wide (scrollWidth ${width})`);
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(!/\bundefined\b|\bNaN\b|\[object /.test(text), `${what}: no broken values shown`);
  }
  async function focusIsVisible(page, what) {
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), tag: document.activeElement.tagName };
    });
    assert.ok(outline.style !== 'none' && outline.width >= 2, `${what}: the focused ${outline.tag} shows its focus (${JSON.stringify(outline)})`);
  }

  // --- the verifier ---------------------------------------------------------
  const verifier = await signIn('verifikator');
  assert.equal(new URL(verifier.url()).pathname, '/antrian', "the verifier's start page is the review queue");
  await verifier.waitForSelector('#queue tr[data-case]');
  await checkPage(verifier, 'review queue');
  const queue = (await (await verifier.request.get(base + '/api/review-queue')).json()).queue;
  assert.ok(queue.length > 0, 'the sample batch leaves cases to review');
  // The first case in the queue with a flag whose reading can be corrected.
  let target, flag;
  for (const item of queue) {
    const c = await (await verifier.request.get(`${base}/api/cases/${item.case_id}`)).json();
    flag = c.flags.find((f) => f.status === 'open' && f.severity === 'error' && f.document_id > 0 && f.field && f.expected);
    if (flag && c.approval_chain.length > 0 && c.letter_kind) {
      target = c;
      break;
    }
  }
  assert.ok(target, 'a queued case that leads to a letter has a flag on a read field');
  step(`verifier takes ${target.case_id}: ${flag.code} on ${flag.field}`);
  await verifier.screenshot({ path: join(shots, 'antrian-verifikasi.png') });

  // Down the queue with j until the case's row has focus, then Enter.
  await verifier.keyboard.press('j');
  for (let i = 0; i < queue.length; i++) {
    if ((await verifier.evaluate(() => document.activeElement.dataset.case)) === target.case_id) break;
    await verifier.keyboard.press('j');
  }
  await focusIsVisible(verifier, 'queue row');
  await verifier.keyboard.press('Enter');
  await verifier.waitForURL(`**/berkas/${target.case_id}`);
  await verifier.waitForSelector('#flags .flag.current');
  await checkPage(verifier, 'case page');
  // Move with n / p until the correctable flag is the current one.
  for (let i = 0; i < 30; i++) {
    if ((await verifier.getAttribute('#flags .flag.current', 'data-flag')) === String(flag.id)) break;
    await verifier.keyboard.press('n');
  }
  assert.equal(await verifier.getAttribute('#flags .flag.current', 'data-flag'), String(flag.id), 'n moves to the flag');
  await focusIsVisible(verifier, 'current flag');
  await verifier.waitForFunction(() => document.querySelector('#scan').complete && document.querySelector('#scan').naturalWidth > 0);
  assert.ok((await verifier.locator('#boxes rect.field').count()) > 0, 'the read fields are boxed on the scan');
  assert.equal(await verifier.locator('#boxes rect.current').count(), 1, "the flag's box is highlighted");
  await verifier.screenshot({ path: join(shots, 'halaman-berkas.png') });

  // K opens the correction; type what the document says and why; Enter saves.
  await verifier.keyboard.press('k');
  assert.equal(await verifier.evaluate(() => document.activeElement.id), 'correct-value', 'K puts the cursor in the value');
  await verifier.keyboard.press('Control+A');
  await verifier.keyboard.type(flag.expected);
  await verifier.keyboard.press('Tab');
  await verifier.keyboard.type('Dibaca ulang dari pindaian');
  await verifier.keyboard.press('Enter');
  await verifier.waitForFunction((id) => !document.querySelector(`#flags .flag[data-index][data-flag="${id}"]`), flag.id);
  // The remaining flags: the case as typed is right (D), one after the other.
  for (let i = 0; i < 40 && !(await verifier.locator('#no-flags').count()); i++) {
    const before = await verifier.getAttribute('#flags .flag.current', 'data-flag');
    await verifier.keyboard.press('d');
    await verifier.waitForFunction((id) => document.querySelector('#flags .flag.current')?.dataset.flag !== id, before);
  }
  await verifier.waitForSelector('#no-flags');
  await verifier.waitForFunction(() => document.querySelector('#case-status').textContent.includes('Siap disetujui'));
  await verifier.waitForFunction(() => document.querySelector('#history').innerText.includes('bacaan dikoreksi'));
  const history = await (await verifier.request.get(`${base}/api/cases/${target.case_id}/history`)).json();
  const correction = history.history.find((h) => h.action === 'flag.review' && h.after.action === 'correct');
  assert.equal(correction.actor, 'web:verifikator', 'the correction is audited with the verifier');
  assert.equal(correction.after.value, flag.expected);
  step(`flags of ${target.case_id} settled; the case waits for approval`);

  // The verifier's other pages.
  for (const [path, ready] of [['/kiriman', '#batches tr'], ['/surat', '#letters tr'], ['/arsip', '#q']]) {
    await verifier.goto(base + path);
    await verifier.waitForSelector(ready);
    await checkPage(verifier, path);
  }

  // The verifier cannot reach an approver's page or action.
  await verifier.goto(base + '/persetujuan');
  assert.ok((await verifier.textContent('h1')).includes('Akses ditolak'), "the approver's inbox is refused to a verifier");
  await verifier.goto(`${base}/berkas/${target.case_id}`);
  await verifier.waitForSelector('#approval-panel:not([hidden])');
  assert.equal(await verifier.locator('button:has-text("Setujui"), #issue-letter').count(), 0, 'no approve button for a verifier');
  const verifierApproves = await verifier.evaluate(
    (ref) => fetch(`/api/cases/${ref}/approval`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"decision":"approve"}' }).then((r) => r.status),
    target.case_id,
  );
  assert.equal(verifierApproves, 403, 'the API refuses an approval from the verifier in the browser');

  // --- the officials, in turn -------------------------------------------------
  const approvers = {};
  for (const o of office.officials) approvers[o.key] = await signIn(o.key);
  for (const page of Object.values(approvers)) assert.equal(new URL(page.url()).pathname, '/persetujuan');
  const holderOf = async () => {
    for (const [key, page] of Object.entries(approvers)) {
      const inbox = await (await page.request.get(base + '/api/inbox')).json();
      if (inbox.items.some((i) => i.case_id === target.case_id)) return key;
    }
    return null;
  };
  let letterLink = null;
  const steps = target.approval_chain.length;
  for (let s = 1; s <= steps; s++) {
    const key = await waitFor(`step ${s} in an inbox`, holderOf, 30);
    const page = approvers[key];
    // The page is open since sign-in: the case must appear without a reload.
    const row = page.locator(`#inbox tr[data-case="${target.case_id}"]`);
    await row.waitFor({ timeout: 20000 });
    await checkPage(page, 'inbox');
    if (s === 1) {
      await page.screenshot({ path: join(shots, 'kotak-persetujuan.png') });
      // An approver cannot reach the verifier's queue nor decide a flag.
      const other = await page.context().newPage();
      await other.goto(base + '/antrian');
      assert.ok((await other.textContent('h1')).includes('Akses ditolak'), 'the review queue is refused to an approver');
      await other.goto(`${base}/berkas/${target.case_id}`);
      await other.waitForSelector('#facts dt');
      assert.equal(await other.locator('#flags [data-action], #return-open').count(), 0, 'no verifier actions for an approver');
      await other.keyboard.press('k');
      assert.equal(await other.locator('#correct-form').count(), 0, 'K does nothing for an approver');
      const status = await other.evaluate(() =>
        fetch('/api/flags/1/review', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"accept_case"}' }).then((r) => r.status),
      );
      assert.equal(status, 403, 'the API refuses a flag decision from an approver in the browser');
      await other.close();
    }
    // Keyboard: j to the first row, then down to the case, S approves.
    await page.bringToFront();
    await page.keyboard.press('j');
    for (let i = 0; i < 50; i++) {
      if ((await page.evaluate(() => document.activeElement.dataset.case)) === target.case_id) break;
      await page.keyboard.press('j');
    }
    await focusIsVisible(page, 'inbox row');
    await page.keyboard.press('s');
    const done = page.locator('#done li', { hasText: target.case_id });
    await done.waitFor();
    step(`${key} approved step ${s} of ${steps}`);
    if (s === steps) {
      // The chain is complete: the issue button has focus; Enter issues.
      await page.waitForFunction(() => document.activeElement?.matches('[data-issue]'));
      await focusIsVisible(page, 'issue button');
      await page.keyboard.press('Enter');
      letterLink = done.locator('a', { hasText: 'Unduh PDF' });
      await letterLink.waitFor();
      const download = page.waitForEvent('download');
      await letterLink.focus();
      await page.keyboard.press('Enter');
      const pdf = join(home, 'surat.pdf');
      const saved = await download;
      assert.equal(await saved.failure(), null, 'the download completes');
      await saved.saveAs(pdf);
      const verified = spawnSync(berkas, ['verify', pdf], { env, encoding: 'utf8' });
      assert.equal(verified.status, 0, `berkas verify accepts the downloaded letter: ${verified.stdout}${verified.stderr}`);
      assert.ok(verified.stdout.includes('VALID: '), verified.stdout);
      step(`letter downloaded and verified: ${verified.stdout.split('\n')[0]}`);
      // The public verification page, as a hospital opens it.
      await done.locator('a', { hasText: 'Halaman verifikasi' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/verify/**');
      assert.equal(await page.textContent('h1'), 'Surat terdaftar dan sah', 'the verification page confirms the letter');
      const number = (await (await page.request.get(`${base}/api/letters?case=${target.case_id}`)).json()).letters[0].number;
      assert.ok((await page.textContent('body')).includes(number), 'it names the letter number');
      await checkPage(page, 'verification page');
      await page.screenshot({ path: join(shots, 'halaman-verifikasi.png') });
      step(`verification page shows ${number}`);
    }
  }

  // --- the archive: find the case and its letter by the applicant's NIK -------
  const archivist = await signIn('arsiparis');
  assert.equal(new URL(archivist.url()).pathname, '/arsip');
  await archivist.keyboard.type(target.case.applicant.nik);
  await archivist.keyboard.press('Enter');
  await archivist.waitForSelector('#results table');
  const results = await archivist.textContent('#results');
  assert.ok(results.includes(target.case_id), 'the NIK finds the case');
  assert.ok(results.includes('Surat rekomendasi') || results.includes('Persetujuan'), 'and its letter');
  await checkPage(archivist, 'archive search');
  await archivist.screenshot({ path: join(shots, 'pencarian-arsip.png') });

  // --- register pages: read into rows; the archivist settles a doubtful cell --
  const registers = join(home, 'registers');
  run(['generate', '--registers', '2', '--captures', 'clean', '--formats', 'png', '--seed', '6854', '--out', registers]);
  run(['archive', join(registers, 'scans')]);
  await archivist.goto(base + '/tinjau-register');
  await archivist.waitForSelector('form.correct');
  await checkPage(archivist, 'register review');
  const cell = await archivist.$('tr[data-type="date"], tr[data-type="nik"]');
  assert.ok(cell, 'a date or NIK cell waits for review');
  const [source, column, row] = await Promise.all(['data-source', 'data-column', 'data-row'].map((a) => cell.getAttribute(a)));
  const truthPage = readFileSync(join(registers, 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .find((p) => p.source.endsWith('/' + source));
  const want = truthPage.tables.rows[Number(row) - 1][column];
  const input = await cell.$('input');
  await input.fill('12345');
  await input.press('Enter');
  await cell.waitForSelector('.result.error');
  // The refusal is the expected 400 the browser logs; nothing else may be.
  const refusal = problems.findIndex((p) => p.startsWith('arsiparis: console:') && p.includes('status of 400'));
  assert.ok(refusal >= 0, 'the wrong value was refused by the server');
  problems.splice(refusal, 1);
  await input.fill(want.printed ?? want.value);
  await input.press('Enter');
  await cell.waitForSelector('.result:not(.error)');
  assert.ok((await (await cell.$('.result')).textContent()).startsWith('Tersimpan'), 'the right value is stored');
  await archivist.screenshot({ path: join(shots, 'tinjauan-register.png') });
  step(`register cell ${column} of ${source} row ${row} corrected`);

  assert.deepEqual(problems, [], 'no console errors, page errors or requests to other sites');
  step(`PASS (screenshots in ${shots})`);
} catch (e) {
  console.error('web_e2e: FAIL:', e.message);
  for (const p of problems) console.error('web_e2e:', p);
  for (const c of children) console.error(`--- berkas ${c.spawnargs.slice(1).join(' ')}:\n${c.log.slice(-30).join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  cleanup();
}
