import { Alert, Button, FileInput, Group, Progress, Radio, SegmentedControl, Select, Stack, Stepper, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { startTransition, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ImportFileInfo, OfficeChoice } from '../../../shared/imports/contract';
import { DUPLICATE_MODES, type DuplicateMode } from '../../../shared/imports/contract';
import type { ExistingAction, MatchReason, RepeatAction } from '../../../shared/imports/matching';
import { ENCODING_LABELS, TEXT_ENCODINGS, type TextEncoding } from '../../../shared/imports/sniff';
import { IMPORT_SPECS, SPEC_FIELDS, type ImportSpecKey } from '../../../shared/imports/specs';
import { api, ApiError, type ApiInput, type ApiOutput } from '../api';
import { notifyError } from '../notify';
import { announceImportJob } from './importEvents';
import { JobPanel } from './JobPanel';
import { jobOutcome, undoWarning } from './jobText';
import { MappingTable } from './MappingTable';
import { OfficeReview } from './OfficeReview';
import { ReferralReview } from './ReferralReview';
import { chooseInMainProcess, choosesInMainProcess, uploadFile } from './upload';

type Preview = ApiOutput<'imports.preview'>;
type Columns = ApiOutput<'imports.inspect'>;
type Job = ApiOutput<'imports.status'>;
type Reading = { encoding?: TextEncoding; sheet?: string };

const MODE_LABELS: Record<DuplicateMode, string> = {
  skip: 'Skip them (keep what is in the app)',
  update: 'Update the existing office with the file’s non-empty cells, and add new people',
  keep: 'Keep both (add the file’s row as another office)',
};
const POLL_MS = 150;

const SPEC_CHOICES = [
  { value: 'offices', label: 'Offices and contacts' },
  { value: 'referrals', label: 'Referrals (from your practice-management system)' },
];
const TITLES: Record<ImportSpecKey, string> = { offices: 'Import offices from a spreadsheet', referrals: 'Import referrals from your practice-management system' };
const FIRST_STEP: Record<ImportSpecKey, string> = { offices: 'CSV or Excel, one row per office or per person', referrals: 'The referral report, as CSV or Excel' };
/** The last choice of what to import, so a practice that imports its referral report monthly starts there. */
const REMEMBERED_SPEC = 'liaison.import.spec';
const asSpec = (s: string | null): ImportSpecKey | null => (IMPORT_SPECS as readonly (string | null)[]).includes(s) ? (s as ImportSpecKey) : null;

/** What must be mapped before the file can be checked, in the words of the hint beside the button; null: enough. */
function missingColumns(spec: ImportSpecKey, mapping: (string | null)[]): string | null {
  if (spec === 'offices') return mapping.includes('name') ? null : 'Choose which column holds the office name.';
  const missing = [
    ...(mapping.includes('receivedOn') ? [] : ['the received date']),
    ...(mapping.includes('serviceLine') ? [] : ['the service line (department)']),
    ...(['officeName', 'officeNpi', 'physicianNpi'].some((f) => mapping.includes(f)) ? [] : ['the referring office (or an NPI)']),
  ];
  return missing.length ? `Choose which columns hold ${missing.join(', ')}.` : null;
}

const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * Choose a file → match columns → review every problem → import with progress. The file goes to
 * the app once; nothing is written before the last step; the job runs in the app, not in this
 * page, so leaving and coming back shows it.
 */
export function ImportPage() {
  const [params, setParams] = useSearchParams();
  // The page's address says what is imported (#/import?spec=referrals, the referrals page's link); else the last choice.
  const spec = asSpec(params.get('spec')) ?? asSpec(localStorage.getItem(REMEMBERED_SPEC)) ?? 'offices';
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<ImportFileInfo | null>(null);
  const [picked, setPicked] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [reading, setReading] = useState<Reading>({});
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [officeChoices, setOfficeChoices] = useState<Record<string, OfficeChoice>>({});
  const [mode, setMode] = useState<DuplicateMode>('skip');
  const [reasonActions, setReasonActions] = useState<Partial<Record<MatchReason, ExistingAction>>>({});
  const [rowActions, setRowActions] = useState<Record<string, ExistingAction | RepeatAction>>({});
  const [columns, setColumns] = useState<Columns | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [lastJob, setLastJob] = useState<Job | null>(null);
  const [attach, setAttach] = useState<Record<string, string>>({});

  // Coming back to the page: a running job shows its progress; a finished one is offered for undo.
  useEffect(() => {
    api['imports.current']({}).then(({ job: current }) => {
      if (current?.state === 'running') {
        setJob(current);
        setStep(3);
      } else setLastJob(current);
    }, () => {});
  }, []);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const t = setTimeout(() => {
      api['imports.status']({ jobId: job.jobId }).then(setJob, (e: unknown) => notifyError('Lost track of the import', e));
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [job]);

  const request = (f: ImportFileInfo, r: Reading, withMapping: boolean, choices = { reasonActions, rowActions }, offices = officeChoices): ApiInput<'imports.preview'> => ({
    fileId: f.fileId,
    ...r,
    spec,
    duplicateMode: mode,
    ...(withMapping ? { mapping, attach, ...choices, officeChoices: offices } : {}),
  });

  function chooseSpec(next: ImportSpecKey) {
    localStorage.setItem(REMEMBERED_SPEC, next);
    setParams({ spec: next }, { replace: true });
    restart();
  }

  /** A choice for an office the app does not have: the review is worked out again with it. */
  async function chooseOffice(key: string, choice: OfficeChoice | null) {
    if (!file) return;
    const next = { ...officeChoices };
    if (choice) next[key] = choice;
    else delete next[key];
    setOfficeChoices(next);
    setBusy(true);
    try {
      setPreview(await api['imports.preview'](request(file, reading, true, { reasonActions, rowActions }, next)));
    } catch (e) {
      notifyError('Could not apply that choice', e);
    } finally {
      setBusy(false);
    }
  }

  /** A choice about duplicates: the review is worked out again with it (the file is not read again). */
  async function choose(next: { reasonActions: typeof reasonActions; rowActions: typeof rowActions }) {
    if (!file) return;
    setReasonActions(next.reasonActions);
    setRowActions(next.rowActions);
    setBusy(true);
    try {
      setPreview(await api['imports.preview'](request(file, reading, true, next)));
    } catch (e) {
      notifyError('Could not apply that choice', e);
    } finally {
      setBusy(false);
    }
  }

  /** A file the app now holds: read it, guess (or recall) the mapping, show it. */
  async function open(f: ImportFileInfo) {
    setFile(f);
    setReading({});
    setAttach({});
    setOfficeChoices({});
    const c = await api['imports.inspect']({ fileId: f.fileId, spec });
    // A transition: React draws the (possibly 330-row) mapping in slices between frames, so the page never freezes.
    startTransition(() => {
      setMapping(c.mapping);
      setColumns(c);
      setStep(1);
    });
  }

  async function fail(e: unknown, title: string) {
    // A file that is not a spreadsheet, or one with no rows: said beside the picker, not in a toast.
    if (e instanceof ApiError && (e.code === 'invalid_input' || e.code === 'not_found')) setFileProblem(e.message);
    else notifyError(title, e);
  }

  async function upload(f: File | null) {
    setPicked(f);
    setColumns(null);
    setPreview(null);
    setFileProblem(null);
    if (!f) return;
    setBusy(true);
    setUploading(0);
    try {
      const held = await uploadFile(f, setUploading);
      setUploading(null);
      await open(held);
    } catch (e) {
      await fail(e, 'Could not read that file');
    } finally {
      setUploading(null);
      setBusy(false);
    }
  }

  async function chooseDesktop() {
    setFileProblem(null);
    setBusy(true);
    try {
      const held = await chooseInMainProcess();
      if (held) await open(held);
    } catch (e) {
      await fail(e, 'Could not read that file');
    } finally {
      setBusy(false);
    }
  }

  /** Another encoding or sheet: the same file read again; the mapping kept while the columns are the same. */
  async function reread(next: Reading) {
    if (!file) return;
    setReading(next);
    setBusy(true);
    try {
      const c = await api['imports.inspect']({ fileId: file.fileId, spec, ...next });
      // Another encoding reads the same columns, so the user's mapping stays; another sheet has its own.
      if (next.sheet !== reading.sheet || c.headers.length !== mapping.length) setMapping(c.mapping);
      setColumns(c);
    } catch (e) {
      notifyError('Could not read the file that way', e);
    } finally {
      setBusy(false);
    }
  }

  async function review() {
    if (!file) return;
    setBusy(true);
    // Row choices belong to the rows as last reviewed; a new mapping may make other matches.
    setRowActions({});
    try {
      const p = await api['imports.preview'](request(file, reading, true, { reasonActions, rowActions: {} }));
      startTransition(() => {
        setPreview(p);
        setStep(2);
      });
    } catch (e) {
      notifyError('Could not check the file', e);
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!file) return;
    setBusy(true);
    try {
      const { jobId } = await api['imports.commit'](request(file, reading, true));
      announceImportJob(jobId);
      setJob(await api['imports.status']({ jobId }));
      setStep(3);
    } catch (e) {
      notifyError('The import did not start', e);
    } finally {
      setBusy(false);
    }
  }

  function confirmUndo(target: Job) {
    modals.openConfirmModal({
      title: `Undo the import of “${target.fileName}”?`,
      children: <Text size="sm">{undoWarning(target)}</Text>,
      labels: { confirm: 'Undo the import', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () => void undo(target),
    });
  }

  async function undo(target: Job) {
    setBusy(true);
    try {
      const { jobId } = await api['imports.undo']({ jobId: target.jobId });
      announceImportJob(jobId);
      setLastJob(null);
      setJob(await api['imports.status']({ jobId }));
      setStep(3);
    } catch (e) {
      notifyError('The import could not be undone', e);
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setStep(0);
    setFile(null);
    setPicked(null);
    setColumns(null);
    setPreview(null);
    setFileProblem(null);
    setReasonActions({});
    setRowActions({});
    setOfficeChoices({});
    if (job && job.state !== 'running') setLastJob(job.kind === 'import' ? job : null);
    setJob(null);
  }

  const importable = preview ? preview.outcome.add + preview.outcome.update : 0;
  const encoding = reading.encoding ?? columns?.file.encoding ?? 'utf-8';
  const missing = missingColumns(spec, mapping);
  const refused = useMemo(() => new Map((columns?.refused ?? []).map((r) => [r.column, r.reason])), [columns]);
  const noun = spec === 'referrals' ? (importable === 1 ? 'referral' : 'referrals') : importable === 1 ? 'office' : 'offices';

  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Title order={2} size="h3">
        {TITLES[spec]}
      </Title>
      <Stepper active={step} allowNextStepsSelect={false} onStepClick={(s) => !job && setStep(s)} size="sm">
        <Stepper.Step label="Choose file" description={FIRST_STEP[spec]}>
          <Stack maw={560} mt="md">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="import-spec-label">
                What are you importing?
              </Text>
              <SegmentedControl aria-labelledby="import-spec-label" data={SPEC_CHOICES} value={spec} onChange={(v) => chooseSpec(v as ImportSpecKey)} disabled={busy} />
            </Stack>
            {choosesInMainProcess ? (
              <Group>
                <Button onClick={() => void chooseDesktop()} loading={busy}>
                  Choose a spreadsheet…
                </Button>
              </Group>
            ) : (
              <FileInput
                label="Spreadsheet file"
                description="CSV (comma, semicolon or tab separated; any common encoding) or an Excel workbook. The first row must name the columns."
                placeholder="Choose a .csv, .tsv, .txt or .xlsx file"
                accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={picked}
                onChange={(f) => void upload(f)}
                disabled={busy}
                clearable
              />
            )}
            {uploading !== null && <Progress value={uploading * 100} aria-label="Sending the file to the app" />}
            {fileProblem && (
              <Alert color="red" title="This file cannot be imported" role="alert">
                {fileProblem}
              </Alert>
            )}
            {lastJob && lastJob.state === 'done' && lastJob.kind === 'import' && (
              <Alert color="gray" title={`Last import: “${lastJob.fileName}”, ${new Date(lastJob.finishedAt ?? lastJob.startedAt).toLocaleString()}`}>
                <Text size="sm">{jobOutcome(lastJob)}</Text>
                {lastJob.undoable && (
                  <Button mt="xs" size="xs" variant="default" color="red" onClick={() => confirmUndo(lastJob)} disabled={busy}>
                    Undo this import…
                  </Button>
                )}
              </Alert>
            )}
          </Stack>
        </Stepper.Step>

        <Stepper.Step label="Match columns" description="What each column holds">
          {columns && file && (
            <Stack mt="md" maw={820}>
              <Text size="sm" c="dimmed">
                {file.name} · {megabytes(file.size)} · {columns.rowCount.toLocaleString()} {columns.rowCount === 1 ? 'row' : 'rows'}
              </Text>
              {columns.file.kind === 'text' && (
                <Group align="end" wrap="wrap">
                  <Select
                    label="Text encoding"
                    description={`Detected: ${ENCODING_LABELS[columns.file.detectedEncoding ?? 'utf-8']}. If names show “�” or odd letters like “Ã©”, choose another.`}
                    data={TEXT_ENCODINGS.map((e) => ({ value: e, label: ENCODING_LABELS[e] }))}
                    value={encoding}
                    onChange={(v) => v && void reread({ ...reading, encoding: v as TextEncoding })}
                    allowDeselect={false}
                    disabled={busy}
                    w={420}
                  />
                </Group>
              )}
              {columns.file.kind === 'workbook' && columns.file.sheets.length > 1 && (
                <Select
                  label="Sheet"
                  description={`This workbook has ${columns.file.sheets.length} sheets.`}
                  data={columns.file.sheets}
                  value={columns.file.sheet}
                  onChange={(v) => v && void reread({ sheet: v })}
                  allowDeselect={false}
                  disabled={busy}
                  w={320}
                />
              )}
              {columns.sampleNames.length > 0 && (
                <Text size="sm" aria-label="Names as read">
                  Names as read: {columns.sampleNames.join(' · ')}
                </Text>
              )}
              <Text size="sm">
                {columns.mappingSource === 'saved'
                  ? 'These are the column matches you used last time for a file with these headers. Change any that are wrong.'
                  : 'We matched what we could from the headers. Change any that are wrong, or choose “Don’t import”.'}
              </Text>
              {columns.refused.length > 0 && (
                <Text size="sm">
                  {columns.refused.length === 1 ? 'One column holds' : `${columns.refused.length} columns hold`} patient identifiers. They are never imported, and their
                  values are not shown here.
                </Text>
              )}
              <MappingTable fields={SPEC_FIELDS[spec]} headers={columns.headers} example={columns.example} mapping={mapping} setMapping={setMapping} refused={refused} />
              {spec === 'offices' && (
                <Radio.Group label="Offices already in the app (same NPI, or same name and ZIP)" value={mode} onChange={(v) => setMode(v as DuplicateMode)}>
                  <Stack gap={4} mt={4}>
                    {DUPLICATE_MODES.map((m) => (
                      <Radio key={m} value={m} label={MODE_LABELS[m]} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              <Group>
                <Button variant="default" onClick={restart}>
                  Back
                </Button>
                <Button onClick={() => void review()} loading={busy} disabled={missing !== null}>
                  Check the file
                </Button>
                {missing && (
                  <Text size="sm" c="red">
                    {missing}
                  </Text>
                )}
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step label="Review" description={job?.state === 'done' ? 'Saved' : job?.state === 'running' ? 'Saving…' : 'Nothing is saved yet'}>
          {preview && file && (
            <Stack mt="md">
              {preview.spec === 'offices' ? (
                <OfficeReview
                  preview={preview}
                  request={request(file, reading, true)}
                  busy={busy}
                  onReason={(reason, action) => void choose({ reasonActions: { ...reasonActions, [reason]: action }, rowActions })}
                  onRow={(row, action) => void choose({ reasonActions, rowActions: { ...rowActions, [String(row)]: action } })}
                  attach={attach}
                  setAttach={setAttach}
                  onPreview={setPreview}
                />
              ) : (
                <ReferralReview preview={preview} request={request(file, reading, true)} busy={busy} onChoice={(key, choice) => void chooseOffice(key, choice)} />
              )}
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  Back
                </Button>
                <Button onClick={() => void commit()} loading={busy} disabled={importable === 0}>
                  Import {importable.toLocaleString()} {noun}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Completed>
          {job && (
            <Stack mt="md">
              <JobPanel job={job} onUndo={() => confirmUndo(job)} onAnother={restart} undoing={busy} />
            </Stack>
          )}
        </Stepper.Completed>
      </Stepper>
    </Stack>
  );
}
