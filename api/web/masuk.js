// Signing in: the session is an HttpOnly cookie set by the server; the page
// then goes where the user wanted to go, or to their role's start page.
import { $, api, say } from './app.js';

// Only a path on this server, never another site ("//evil" included).
function nextPage(home) {
  const wanted = new URLSearchParams(location.search).get('lanjut') || '';
  return wanted.startsWith('/') && !wanted.startsWith('//') && !wanted.startsWith('/masuk') ? wanted : home;
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const result = await api('POST', '/api/login', { username: $('#username').value.trim(), password: $('#password').value });
    location.href = nextPage(result.user.home);
  } catch (e) {
    say(e.status === 401 ? 'Nama pengguna atau kata sandi salah.' : e.message, 'error');
    $('#password').select();
  }
});
