// better-sqlite3 13 under an alias (see driver.ts); its API is 12's, so it shares 12's types.
declare module 'better-sqlite3-napi' {
  import Database from 'better-sqlite3';
  export default Database;
}
