/**
 * What all three Lever nodes share. Code outside this folder imports from here ('../shared'), never from
 * a module inside it; the modules import only from each other and from n8n-workflow, so there is no cycle.
 */
export * from './authentication';
export * from './dateRange';
export * from './fields';
export * from './locators';
export * from './rules';
export * from './webhookEvents';
