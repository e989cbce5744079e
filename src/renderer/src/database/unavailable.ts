/** Fired on window when any call answers `unavailable`: the database gate looks at the file again. */
export const UNAVAILABLE_EVENT = 'liaison:database-unavailable';

/** Fired on window once an empty database has replaced an unusable one: what was loaded from the old one is stale. */
export const REOPENED_EVENT = 'liaison:database-reopened';

/** Fired on window when browser mode answers 401: the app restarted with a new secret since this tab opened. */
export const SIGNED_OUT_EVENT = 'liaison:signed-out';
