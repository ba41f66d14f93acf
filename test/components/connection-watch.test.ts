import { expect } from '@open-wc/testing';
import { ConnectionWatch, type WatchedConnection } from '../../components/client/connection-watch.js';

/** A connection the test opens and answers by hand, counting what the watch did to it. */
function fakeConnection() {
  const state = { open: false, probes: 0, givenUp: 0 };
  const connection: WatchedConnection = {
    isOpen: () => state.open,
    probe: () => state.probes++,
    giveUp: () => state.givenUp++,
  };
  return { state, connection };
}

describe('ConnectionWatch', () => {
  let now = 0;
  let watch: ConnectionWatch;
  beforeEach(() => {
    now = 1_000_000;
    watch = new ConnectionWatch({ quietMs: 20_000, answerMs: 10_000, handshakeMs: 15_000 }, () => now);
  });
  afterEach(() => watch.stop());

  it('gives up a connection that is not welcomed in time', () => {
    const { state, connection } = fakeConnection();
    watch.watch(connection);
    now += 15_000;
    watch.check();
    expect(state.givenUp).to.equal(0);
    now += 1;
    watch.check();
    expect(state.givenUp).to.equal(1);
    expect(state.probes).to.equal(0);
  });

  it('asks after a quiet spell and gives up when nothing answers', () => {
    const { state, connection } = fakeConnection();
    watch.watch(connection);
    state.open = true;
    watch.heard();
    now += 20_001;
    watch.check();
    expect(state.probes).to.equal(1);
    now += 5_000;
    watch.check();
    expect(state.probes, 'one question at a time').to.equal(1);
    now += 5_001;
    watch.check();
    expect(state.givenUp).to.equal(1);
    now += 60_000;
    watch.check();
    expect(state.givenUp, 'a given-up connection is not watched any more').to.equal(1);
  });

  it('keeps a connection that answers, and never asks one that keeps talking', () => {
    const { state, connection } = fakeConnection();
    watch.watch(connection);
    state.open = true;
    for (let i = 0; i < 100; i++) {
      now += 15_000;
      watch.heard();
      watch.check();
    }
    expect(state.probes).to.equal(0);
    now += 20_001;
    watch.check();
    now += 9_000;
    watch.heard();
    now += 2_000;
    watch.check();
    expect(state.probes).to.equal(1);
    expect(state.givenUp).to.equal(0);
  });

  it('asks at once when told the network came back, only while welcomed', () => {
    const { state, connection } = fakeConnection();
    watch.watch(connection);
    watch.askNow();
    expect(state.probes, 'nothing to ask before the welcome').to.equal(0);
    state.open = true;
    watch.askNow();
    watch.askNow();
    expect(state.probes).to.equal(1);
  });
});
