import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { maskEmail } from '../../components/pii/email.js';
import { findPii, maskPii } from '../../components/pii/index.js';

describe('e-mail addresses', () => {
  it('keeps the first character of the local part and the whole domain', () => {
    assert.equal(maskPii('melissa@gmail.com'), 'm******@gmail.com');
    assert.equal(maskPii('Write to first.last+tiski@mail.example.co.uk.'), 'Write to f***************@mail.example.co.uk.');
    assert.equal(maskPii('a@b.fi'), 'a@b.fi');
    assert.equal(maskPii('<matti.meikäläinen@esimerkki.fi>'), '<m****************@esimerkki.fi>');
  });

  it('counts characters, not UTF-16 units, in the local part', () => {
    assert.equal(maskEmail('😀x@example.com'), '😀*@example.com');
  });

  it('reports the whole address', () => {
    const text = 'Mail: melissa@gmail.com, thanks';
    assert.deepEqual(findPii(text), [{ kind: 'email', start: 6, end: 23 }]);
  });

  it('leaves alone things that are not addresses', () => {
    for (const text of ['@melissa', 'melissa@', 'melissa@localhost', 'user@example.c', 'a @ b.com', 'me@.com', 'melissa.@example.com']) {
      assert.equal(maskPii(text), text, text);
    }
  });

  it('wins over a phone number in its local part', () => {
    assert.deepEqual(findPii('0401234567@sms.example.com').map((match) => match.kind), ['email']);
  });
});
