export * from './actors.js';
export * from './auth.js';
export * from './evaluation.js';
export * from './followup.js';
export * from './initiatives.js';
export * from './strategy.js';
export * from './system.js';
