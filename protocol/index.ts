export * from './version.js';
export * from './limits.js';
export * from './errors.js';
export * from './common.js';
export * from './commands.js';
export * from './events.js';
export * from './stats.js';
export * from './survey.js';
