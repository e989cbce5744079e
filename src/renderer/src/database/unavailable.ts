/** Fired on window when any call answers `unavailable`: the database gate looks at the file again. */
export const UNAVAILABLE_EVENT = 'liaison:database-unavailable';

/** Fired on window once an empty database has replaced an unusable one: what was loaded from the old one is stale. */
export const REOPENED_EVENT = 'liaison:database-reopened';
