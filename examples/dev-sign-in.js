// Development sign-in for the demo desk. A production relay has RELAY_SECRET set and answers
// /dev/token with 404: there, the CRM's backend signs the agent's token and sets it on
// <chat-connection token="…">.
const connection = document.getElementById('connection');
const form = document.getElementById('dev-sign-in');
const status = document.getElementById('dev-sign-in-status');
const key = 'tiski-demo:agent-token';

function useToken(token, name) {
  connection.token = token;
  sessionStorage.setItem(key, JSON.stringify({ token, name }));
  form.querySelector('input').value = name;
  status.textContent = `Signed in as ${name}`;
}

const saved = JSON.parse(sessionStorage.getItem(key) ?? 'null');
if (saved) useToken(saved.token, saved.name);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = new FormData(form).get('name').trim();
  const response = await fetch(`/dev/token?name=${encodeURIComponent(name)}`);
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.error;
    return;
  }
  useToken(body.token, name);
});
