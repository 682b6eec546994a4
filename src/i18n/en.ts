import type model from './messages/model.js';

/** Keys of the sentences that say what a field accepts. */
export type AcceptKey = Extract<keyof (typeof model)['en'], `accept.${string}`>;
