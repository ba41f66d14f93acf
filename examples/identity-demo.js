// Verified identity (W6) on the demo site. In production the website's backend signs the
// customer's attributes with the relay's identity secret and renders the token into the page;
// this development relay signs a demo identity at /dev/identity instead.
const widget = document.querySelector('chat-widget');
const form = document.getElementById('demo-login');
const status = document.getElementById('demo-login-status');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const query = new URLSearchParams({ name: String(data.get('name')).trim(), email: String(data.get('email')).trim() });
  const response = await fetch(`/dev/identity?${query}`);
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.error;
    return;
  }
  widget.identityToken = body.token;
  status.textContent = `Signed in as ${query.get('name')}: agents will see you as verified.`;
});

widget.addEventListener('chat-identity-error', (event) => {
  status.textContent = `The chat could not verify you (${event.detail.code}); you can chat unverified.`;
});
