/**
 * The names of every API method, with no schemas attached, so the sandboxed preload can build
 * `window.api` without bundling zod. contract.ts is checked at compile time to match this list.
 */
export const API_METHODS = [
  'app.info',
  'database.status',
  'database.check',
  'database.startEmpty',
  'offices.list',
  'offices.get',
  'offices.create',
  'offices.update',
  'offices.archive',
  'offices.restore',
  'offices.exportCsv',
  'people.get',
  'people.create',
  'people.update',
  'people.move',
  'people.archive',
  'people.restore',
  'imports.chooseFile',
  'imports.inspect',
  'imports.preview',
  'imports.problems',
  'imports.badRowsCsv',
  'imports.commit',
  'imports.status',
  'imports.current',
  'imports.undo',
  'team.list',
  'team.create',
  'team.update',
  'team.deactivate',
  'team.reactivate',
  'team.me',
  'team.setMe',
  'taxonomy.current',
  'taxonomy.load',
  'taxonomy.reset',
  'targets.run',
  'targets.status',
  'targets.current',
  'targets.cancel',
  'targets.matches',
  'targets.add',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** The one IPC channel every call travels on; the method name is its first argument. */
export const IPC_CHANNEL = 'api:invoke';
