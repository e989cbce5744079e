/** Fired on window when any call answers `unavailable`: the database gate looks at the file again. */
export const UNAVAILABLE_EVENT = 'liaison:database-unavailable';
