/**
 * Browser mode's real entry point (src/main/host/cli.ts) run under tsx, so tests can start a
 * second process without a build: `node --import tsx tests/helpers/browserModeCli.ts`.
 */
// The build defines this; under tsx it is a global set before the entry point reads it.
(globalThis as { __APP_VERSION__?: string }).__APP_VERSION__ = 'test';
void import('../../src/main/host/cli');
