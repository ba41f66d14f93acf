/** Every key and channel of one deployment in Redis, under its prefix. */
export function clusterKeys(prefix: string) {
  return {
    /** Who leads: `<relay id>/<fence>`, with a time to live the leader keeps extending. */
    lease: `${prefix}lease`,
    /** Goes up at every takeover. */
    fence: `${prefix}fence`,
    /** The state's epoch (R2): the same for every relay and every leader, until the state is lost. */
    epoch: `${prefix}epoch`,
    /** Secrets relays made because the config gave none (development mode), shared by all. */
    secrets: `${prefix}secrets`,
    /** A stream of committed inputs since the snapshot. */
    journal: `${prefix}journal`,
    /** A hash: the state at one journal entry. */
    snapshot: `${prefix}snapshot`,
    /** Numbers the batches. */
    batchSeq: `${prefix}batch-seq`,
    /** Channel: the leader's batches, to every relay. */
    batches: `${prefix}batches`,
    /** Channel: relays' inputs, to the leader. */
    inputs: `${prefix}inputs`,
    /** A relay's presence, with a time to live it keeps extending. */
    presence: (relay: string) => `${prefix}relay:${relay}`,
  };
}

export type ClusterKeys = ReturnType<typeof clusterKeys>;
