import { Alert, Button, FileInput, Group, Progress, Radio, Select, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { href, Link } from 'react-router';
import type { ApiOutput } from '../../../shared/api/contract';
import { DUPLICATE_MODES, type DuplicateMode } from '../../../shared/imports/contract';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/imports/fields';
import { decodeText, ENCODING_LABELS, sniffFile, TEXT_ENCODINGS, type TextEncoding } from '../../../shared/imports/sniff';
import { api } from '../api';
import { notifyError } from '../notify';

type Preview = ApiOutput<'imports.preview'>;
type Job = ApiOutput<'imports.status'>;

const MODE_LABELS: Record<DuplicateMode, string> = {
  skip: 'Skip them (keep what is in the app)',
  update: 'Update the existing office with the file’s non-empty cells, and add new people',
  keep: 'Keep both (add the file’s row as another office)',
};
const FIELD_OPTIONS = IMPORT_FIELDS.map((f) => ({ value: f.key, label: f.label }));

/** Pick a file → map columns → review every problem → import with progress. Nothing is written before the last step. */
export function ImportPage() {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState('');
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [encoding, setEncoding] = useState<TextEncoding>('utf-8');
  const [detected, setDetected] = useState<TextEncoding>('utf-8');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [mapping, setMapping] = useState<(ImportField | null)[]>([]);
  const [mode, setMode] = useState<DuplicateMode>('skip');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<Job | null>(null);

  async function choose(f: File | null) {
    setFile(f);
    setPreview(null);
    setFileProblem(null);
    if (!f) return;
    setBusy(true);
    try {
      // Read as bytes, not as UTF-8 text: a CSV saved by Excel on Windows is Windows-1252, and
      // reading it as UTF-8 would turn every accented letter into "�" before anyone could see.
      const raw = new Uint8Array(await f.arrayBuffer());
      const sniffed = sniffFile(raw);
      if (sniffed.kind === 'not-text') {
        setFileProblem(sniffed.message);
        return;
      }
      setBytes(raw);
      setDetected(sniffed.encoding);
      setEncoding(sniffed.encoding);
      const text = decodeText(raw, sniffed.encoding);
      setCsv(text);
      const p = await api['imports.preview']({ csv: text, duplicateMode: mode });
      setMapping(p.mapping);
      setPreview(p);
      setStep(1);
    } catch (e) {
      notifyError('Could not read that file', e);
    } finally {
      setBusy(false);
    }
  }

  /** The user overrides the detected encoding: the same bytes read again, the mapping kept if the columns are the same. */
  async function reread(next: TextEncoding) {
    if (!bytes) return;
    setEncoding(next);
    setBusy(true);
    try {
      const text = decodeText(bytes, next);
      setCsv(text);
      const p = await api['imports.preview']({ csv: text, duplicateMode: mode, ...(mapping.length && preview && preview.headers.length === mapping.length ? { mapping } : {}) });
      if (p.mapping.length !== mapping.length) setMapping(p.mapping);
      setPreview(p);
    } catch (e) {
      notifyError('Could not read the file that way', e);
    } finally {
      setBusy(false);
    }
  }

  async function review() {
    setBusy(true);
    try {
      setPreview(await api['imports.preview']({ csv, mapping, duplicateMode: mode }));
      setStep(2);
    } catch (e) {
      notifyError('Could not check the file', e);
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    setBusy(true);
    try {
      const { jobId } = await api['imports.commit']({ csv, mapping, duplicateMode: mode });
      setJob({ jobId, state: 'running', processed: 0, total: (preview?.newOffices ?? 0) + (preview?.duplicateOffices ?? 0), result: null, error: null });
      setStep(3);
    } catch (e) {
      notifyError('The import did not start', e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const t = setTimeout(() => {
      api['imports.status']({ jobId: job.jobId }).then(setJob, (e: unknown) => notifyError('Lost track of the import', e));
    }, 150);
    return () => clearTimeout(t);
  }, [job]);

  function restart() {
    setStep(0);
    setFile(null);
    setCsv('');
    setPreview(null);
    setJob(null);
  }

  const importable = preview ? preview.newOffices + (mode === 'skip' ? 0 : preview.duplicateOffices) : 0;

  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Title order={2} size="h3">
        Import offices from a spreadsheet
      </Title>
      <Stepper active={step} allowNextStepsSelect={false} onStepClick={(s) => !job && setStep(s)} size="sm">
        <Stepper.Step label="Choose file" description="CSV, one row per office or per person">
          <Stack maw={560} mt="md">
            <FileInput
              label="CSV file"
              description="A spreadsheet saved as CSV (comma, semicolon or tab separated; any common encoding). The first row must name the columns."
              placeholder="Choose a .csv, .tsv or .txt file"
              accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
              value={file}
              onChange={(f) => void choose(f)}
              disabled={busy}
              clearable
            />
            {fileProblem && (
              <Alert color="red" title="This file cannot be read as CSV" role="alert">
                {fileProblem}
              </Alert>
            )}
          </Stack>
        </Stepper.Step>

        <Stepper.Step label="Match columns" description="What each column holds">
          <Stack mt="md" maw={760}>
            <Select
              label="Text encoding"
              description={`Detected: ${ENCODING_LABELS[detected]}. If names show “�” or odd letters like “Ã©”, choose another.`}
              data={TEXT_ENCODINGS.map((e) => ({ value: e, label: ENCODING_LABELS[e] }))}
              value={encoding}
              onChange={(v) => v && void reread(v as TextEncoding)}
              allowDeselect={false}
              disabled={busy}
              maw={420}
            />
            <Text size="sm">We matched what we could from the headers. Change any that are wrong, or choose “Don’t import”.</Text>
            <Table aria-label="Column mapping" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Column in your file</Table.Th>
                  <Table.Th>First row</Table.Th>
                  <Table.Th>Imports as</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(preview?.headers ?? []).map((h, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{h || <em>(no header)</em>}</Table.Td>
                    <Table.Td c="dimmed" style={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {preview?.example[i]}
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Field for column ${h || i + 1}`}
                        size="xs"
                        placeholder="Don’t import"
                        data={FIELD_OPTIONS}
                        value={mapping[i] ?? null}
                        clearable
                        searchable
                        onChange={(v) => setMapping((m) => m.map((x, j) => (j === i ? (v as ImportField | null) : x === v ? null : x)))}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Radio.Group label="Offices already in the app (same NPI, or same name and ZIP)" value={mode} onChange={(v) => setMode(v as DuplicateMode)}>
              <Stack gap={4} mt={4}>
                {DUPLICATE_MODES.map((m) => (
                  <Radio key={m} value={m} label={MODE_LABELS[m]} />
                ))}
              </Stack>
            </Radio.Group>
            <Group>
              <Button variant="default" onClick={restart}>
                Back
              </Button>
              <Button onClick={() => void review()} loading={busy} disabled={!mapping.includes('name')}>
                Check the file
              </Button>
              {!mapping.includes('name') && <Text size="sm" c="red">Choose which column holds the office name.</Text>}
            </Group>
          </Stack>
        </Stepper.Step>

        <Stepper.Step label="Review" description={job?.state === 'done' ? 'Saved' : job?.state === 'running' ? 'Saving…' : 'Nothing is saved yet'}>
          {preview && (
            <Stack mt="md">
              <Group gap="xl" aria-label="Import summary">
                <Text>
                  <b>{preview.rowCount.toLocaleString()}</b> rows
                </Text>
                <Text>
                  <b>{preview.newOffices.toLocaleString()}</b> new offices
                </Text>
                <Text>
                  <b>{preview.duplicateOffices.toLocaleString()}</b> already in the app ({mode === 'skip' ? 'skipped' : mode === 'update' ? 'updated' : 'added again'})
                </Text>
                <Text>
                  <b>{preview.people.toLocaleString()}</b> people
                </Text>
                <Text title={preview.newTeamMemberNames.join(', ')}>
                  <b>{preview.newTeamMembers.toLocaleString()}</b> new team {preview.newTeamMembers === 1 ? 'member' : 'members'}
                </Text>
                <Text c={preview.errorCount ? 'red' : undefined}>
                  <b>{preview.errorCount.toLocaleString()}</b> rows with problems
                </Text>
              </Group>
              {preview.newTeamMembers > 0 && (
                <Text size="sm">
                  The Liaison column names {preview.newTeamMembers === 1 ? 'someone' : 'people'} not on the team yet; the import adds{' '}
                  {preview.newTeamMemberNames.join(', ')}
                  {preview.newTeamMembers > preview.newTeamMemberNames.length ? ` and ${preview.newTeamMembers - preview.newTeamMemberNames.length} more` : ''} as{' '}
                  {preview.newTeamMembers === 1 ? 'a liaison' : 'liaisons'}.
                </Text>
              )}
              {preview.errorCount > 0 && (
                <Alert color="red" title={`${preview.errorCount.toLocaleString()} rows can’t be imported and will be skipped`}>
                  <Text size="sm" mb="xs">
                    Fix them in your spreadsheet and import it again, or go ahead without them.
                    {preview.errorCount > preview.errors.length && ` The first ${preview.errors.length} are listed.`}
                  </Text>
                  <Table aria-label="Problems by kind" fz="sm" mb="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Rows</Table.Th>
                        <Table.Th>Problem</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.problemGroups.map((g) => (
                        <Table.Tr key={g.problem}>
                          <Table.Td>{g.rows.toLocaleString()}</Table.Td>
                          <Table.Td>{g.problem}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <Table aria-label="Rows with problems" fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={80}>Row</Table.Th>
                        <Table.Th>Problem</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.errors.map((e) => (
                        <Table.Tr key={e.row}>
                          <Table.Td>{e.row}</Table.Td>
                          <Table.Td>{e.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Alert>
              )}
              {preview.sample.length > 0 && (
                <Table aria-label="First offices in the file" withTableBorder fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Row</Table.Th>
                      <Table.Th>Office</Table.Th>
                      <Table.Th>City</Table.Th>
                      <Table.Th>ZIP</Table.Th>
                      <Table.Th>NPI</Table.Th>
                      <Table.Th>People</Table.Th>
                      <Table.Th>Already in the app as</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.sample.map((s) => (
                      <Table.Tr key={s.row}>
                        <Table.Td>{s.row}</Table.Td>
                        <Table.Td>{s.name}</Table.Td>
                        <Table.Td>{s.city}</Table.Td>
                        <Table.Td>{s.zip}</Table.Td>
                        <Table.Td>{s.npi}</Table.Td>
                        <Table.Td>{s.people}</Table.Td>
                        <Table.Td>{s.duplicateOf ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  Back
                </Button>
                <Button onClick={() => void commit()} loading={busy} disabled={importable === 0}>
                  Import {importable.toLocaleString()} {importable === 1 ? 'office' : 'offices'}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Completed>
          {job && (
            <Stack mt="md" maw={560}>
              {job.state === 'running' && (
                <>
                  <Text>
                    Importing… {job.processed.toLocaleString()} of {job.total.toLocaleString()} offices
                  </Text>
                  <Progress value={job.total ? (100 * job.processed) / job.total : 0} aria-label="Import progress" animated />
                </>
              )}
              {job.state === 'failed' && (
                <Alert color="red" title="Import failed">
                  {job.error}
                </Alert>
              )}
              {job.state === 'done' && job.result && (
                <Alert color="teal" title="Import finished">
                  {job.result.created.toLocaleString()} offices added, {job.result.updated.toLocaleString()} updated, {job.result.skipped.toLocaleString()} skipped,{' '}
                  {job.result.peopleCreated.toLocaleString()} people added
                  {job.result.teamMembersAdded
                    ? `, ${job.result.teamMembersAdded.toLocaleString()} team ${job.result.teamMembersAdded === 1 ? 'member' : 'members'} added`
                    : ''}
                  {job.result.badRows ? `, ${job.result.badRows.toLocaleString()} rows with problems left out` : ''}.
                </Alert>
              )}
              {job.state !== 'running' && (
                <Group>
                  <Button component={Link} to={href('/offices')}>
                    View offices
                  </Button>
                  <Button variant="default" onClick={restart}>
                    Import another file
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </Stepper.Completed>
      </Stepper>
    </Stack>
  );
}
