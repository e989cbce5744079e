/** Fired on window by the import page when it starts a job, so the app-wide watcher follows it to its end. */
export const IMPORT_STARTED_EVENT = 'liaison:import-started';

export function announceImportJob(jobId: string): void {
  window.dispatchEvent(new CustomEvent(IMPORT_STARTED_EVENT, { detail: jobId }));
}
