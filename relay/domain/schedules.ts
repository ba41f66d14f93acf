import type { DomainContext } from './context.js';
import type { Effect } from './effects.js';
import { logQueue } from './queue-log.js';
import { queueChanged } from './queue-updates.js';
import { isOpenAt, nextChange } from './schedule.js';

/** Checked again at the latest after this long, even when the schedule names no change within its horizon. */
const recheckMs = 24 * 3600_000;

/**
 * Opens and closes queues on their schedules (Q1). A queue changes only when its schedule
 * changes, so an operator's manual open or close lasts until the next scheduled change.
 */
export function applySchedules(ctx: DomainContext): Effect[] {
  const effects: Effect[] = [];
  for (const queue of ctx.store.queues()) {
    const schedule = queue.config.schedule;
    if (!schedule) continue;
    const due = queue.nextScheduleChange === undefined || ctx.now >= queue.nextScheduleChange;
    if (!due) continue;
    const open = isOpenAt(schedule, ctx.now);
    const changed = open !== queue.open;
    queue.open = open;
    queue.nextScheduleChange = nextChange(schedule, ctx.now) ?? ctx.now + recheckMs;
    if (changed) logQueue(queue, { at: ctx.now, kind: open ? 'opened' : 'closed', by: 'schedule' });
    effects.push(...queueChanged(ctx.store, queue.config.id, false));
  }
  return effects;
}
