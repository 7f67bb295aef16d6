export * from './catalogue.js';
export { renderCatalogueMarkdown } from './catalogue-markdown.js';
export type { Consumer, EventDefinition, Producer } from './envelope.js';
export { createEvent, eventRules, InvalidEventError, keyOf, validateEvent } from './validate.js';
export { catalogueFile } from './write-catalogue.js';
