// The host CRM's side of C4: when a conversation comes into view, <chat-session> names the
// customer; the CRM looks them up and shows its own record in the `customer-record` slot.
// A real CRM would look up `info.verified.id` on its backend; this demo makes a record up.
const session = document.querySelector('chat-session');
const slot = session.querySelector('[slot="customer-record"]');

session.addEventListener('chat-customer-open', (event) => {
  const { customer, info } = event.detail;
  const verified = info?.verified;
  slot.replaceChildren();
  const heading = document.createElement('h4');
  heading.textContent = 'Acme CRM record';
  const line = document.createElement('p');
  line.textContent = verified
    ? `Customer number ${verified.id}: ${verified.name ?? customer.name}, customer since 2019, spot-price contract.`
    : `${customer.name} is not signed in on the website: search the CRM by hand.`;
  slot.append(heading, line);
});
