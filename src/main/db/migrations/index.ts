import { m0001 } from './0001_initial';
import { m0002 } from './0002_sync_landing';
import { m0003 } from './0003_team_members';
import { m0004 } from './0004_import_runs';
import { m0005 } from './0005_visits';
import { m0006 } from './0006_gifts';
import { m0007 } from './0007_referrals';
import { m0008 } from './0008_visit_months';
import type { Migration } from './types';

/**
 * Every migration, in order. A bundled app cannot list a folder at run time, so they are named
 * here. Never edit one that has shipped: add the next file (and its test).
 */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008];
