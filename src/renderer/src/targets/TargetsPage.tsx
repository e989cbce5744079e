import { Alert, Anchor, Button, Checkbox, Group, MultiSelect, NumberInput, Paper, Progress, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { href, Link } from 'react-router';
import type { ImportFileInfo } from '../../../shared/imports/contract';
import { TAXONOMY_KIND_LABELS, TAXONOMY_KINDS } from '../../../shared/nppes/taxonomy';
import { TARGET_ENTITIES, TARGET_LIST_CAP, type TargetEntity } from '../../../shared/targets/contract';
import type { TaxonomyList } from '../../../shared/taxonomy/contract';
import { api, ApiError, type ApiOutput } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ChooseFile } from '../imports/ChooseFile';
import { taxonomySourceText } from '../nppes/TaxonomySettings';
import { notifyError } from '../notify';
import { LiaisonSelect } from '../team/LiaisonSelect';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import { MatchTable } from './MatchTable';

type Job = ApiOutput<'targets.status'>;
type Added = ApiOutput<'targets.add'>;

const ENTITY_LABELS: Record<TargetEntity, string> = { both: 'Both', organisations: 'Organisations', individuals: 'Individuals' };
const POLL_MS = 200;
const mb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
const n = (x: number) => x.toLocaleString();

/**
 * Target lists: the NPI registry file filtered by specialty, distance and "not in my directory";
 * the count and the matches; the chosen ones added as prospects of a liaison. The search runs in
 * the app, not the page: leaving and coming back finds it.
 */
export function TargetsPage() {
  const { me } = useMe();
  const { members } = useTeam();
  const [file, setFile] = useState<ImportFileInfo | null>(null);
  const [taxonomy, setTaxonomy] = useState<TaxonomyList | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [miles, setMiles] = useState<number | string>(10);
  const [state, setState] = useState('');
  const [entity, setEntity] = useState<TargetEntity>('both');
  const [notInDirectory, setNotInDirectory] = useState(true);
  const [job, setJob] = useState<Job | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [chosenOwner, setOwner] = useState<{ ownerId: string | null; ownerName: string } | null>(null);
  // Me, until the user chooses someone else.
  const owner = chosenOwner ?? { ownerId: me?.id ?? null, ownerName: '' };
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Added | null>(null);
  const [listVersion, setListVersion] = useState(0);

  useEffect(() => {
    api['taxonomy.current']({}).then(setTaxonomy, () => setTaxonomy(null));
    // Back on the page: the running search, or the last one's list, and what it looked for.
    api['targets.current']({}).then(({ job: current }) => {
      if (!current) return;
      setJob(current);
      const c = current.criteria;
      setFile({ fileId: c.fileId, name: current.fileName, size: current.size });
      setCodes(c.taxonomies);
      setFrom(c.near?.from ?? '');
      if (c.near) setMiles(c.near.miles);
      setState(c.state ?? '');
      setEntity(c.entity);
      setNotInDirectory(c.notInDirectory);
    }, () => {});
  }, []);


  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const t = setTimeout(() => {
      api['targets.status']({ jobId: job.jobId }).then(setJob, (e: unknown) => notifyError('Lost track of the search', e));
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [job]);

  const specialtyOptions = useMemo(() => {
    if (!taxonomy) return [];
    return TAXONOMY_KINDS.map((k) => ({
      group: TAXONOMY_KIND_LABELS[k],
      items: taxonomy.entries.filter((e) => e.kind === k).map((e) => ({ value: e.code, label: `${e.name} (${e.code})` })),
    })).filter((g) => g.items.length > 0);
  }, [taxonomy]);

  async function run() {
    if (!file) return;
    setProblem(null);
    setAdded(null);
    setSelected(new Set());
    setStarting(true);
    try {
      const near = from.trim() ? { from: from.trim(), miles: Number(miles) || 0 } : null;
      const { jobId } = await api['targets.run']({ fileId: file.fileId, taxonomies: codes, entity, near, state: state.trim() || null, notInDirectory });
      setJob(await api['targets.status']({ jobId }));
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'invalid_input' || e.code === 'not_found')) setProblem(e.message);
      else notifyError('The search did not start', e);
    } finally {
      setStarting(false);
    }
  }

  async function add(all: boolean) {
    if (!job) return;
    setAdding(true);
    try {
      const r = await api['targets.add']({ jobId: job.jobId, ...(all ? { all: true } : { ids: [...selected] }), ownerId: owner.ownerId, ownerName: owner.ownerName || null });
      setAdded(r);
      setSelected(new Set());
      setListVersion((v) => v + 1);
    } catch (e) {
      notifyError('The providers were not added', e);
    } finally {
      setAdding(false);
    }
  }

  const running = job?.state === 'running';
  const done = job?.state === 'done' ? job : null;
  const hasOwner = Boolean(owner.ownerId || owner.ownerName);

  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Title order={2} size="h3">
        Target lists
      </Title>
      <Text size="sm" maw={820}>
        Find providers in the NPI registry file (CMS’s NPPES download, or your state’s extract of it) by specialty and distance, leave out who your directory already has,
        and add the ones you choose as prospects for a liaison.
      </Text>

      <Paper withBorder p="md" component="section" aria-labelledby="targets-file">
        <Title order={3} size="h4" id="targets-file" mb="xs">
          Registry file
        </Title>
        <Group align="end">
          <ChooseFile
            label="NPI registry file"
            description="The NPPES CSV (several GB nationally): it is read where it is, never loaded whole."
            buttonLabel={file ? 'Choose another registry file…' : 'Choose the registry file…'}
            accept=".csv,text/csv"
            disabled={running}
            onChosen={(f) => {
              setFile(f);
              setProblem(null);
            }}
            onError={(e) => notifyError('Could not take that file', e)}
          />
          {file && (
            <Text size="sm" aria-label="Chosen registry file">
              {file.name} · {mb(file.size)}
            </Text>
          )}
        </Group>
        {!file && (
          <Text size="sm" c="dimmed" mt="xs">
            No file yet. Download “NPPES Data Dissemination” from CMS (the monthly full file), unzip it, and choose the large npidata_pfile CSV; a smaller extract with
            the same columns works too.
          </Text>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="targets-filters">
        <Title order={3} size="h4" id="targets-filters" mb="xs">
          Who to look for
        </Title>
        <Stack gap="sm" maw={820}>
          <MultiSelect
            label="Specialties"
            description={taxonomy ? `Any of these taxonomy codes; none chosen: every provider. Names: ${taxonomySourceText(taxonomy)} (Settings can load NUCC’s full list).` : undefined}
            placeholder={codes.length ? undefined : 'Type to find a specialty, like Family Medicine'}
            data={specialtyOptions}
            value={codes}
            onChange={setCodes}
            searchable
            clearable
            nothingFoundMessage="No specialty by that name"
            maxDropdownHeight={280}
          />
          <Group align="start" wrap="wrap">
            <TextInput
              label="Near ZIP or address"
              description="Distance is measured from the ZIP’s centre"
              placeholder="60607, or 1200 W Harrison St, Chicago IL 60607"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              w={360}
            />
            <NumberInput label="Within (miles)" min={1} max={3000} value={miles} onChange={setMiles} disabled={!from.trim()} w={140} />
            <TextInput label="State" description="Of the practice location" placeholder="Any" value={state} onChange={(e) => setState(e.currentTarget.value)} w={140} />
          </Group>
          <Group align="end">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="targets-entity">
                Providers
              </Text>
              <SegmentedControl
                aria-labelledby="targets-entity"
                data={TARGET_ENTITIES.map((e) => ({ value: e, label: ENTITY_LABELS[e] }))}
                value={entity}
                onChange={(v) => setEntity(v as TargetEntity)}
              />
            </Stack>
            <Checkbox label="Not already in my directory" checked={notInDirectory} onChange={(e) => setNotInDirectory(e.currentTarget.checked)} mb={8} />
          </Group>
          {problem && (
            <Alert color="red" role="alert" title="The search cannot run">
              {problem}
            </Alert>
          )}
          <Group>
            <Button onClick={() => void run()} loading={starting} disabled={!file || running}>
              Find providers
            </Button>
            {!file && (
              <Text size="sm" c="dimmed">
                Choose the registry file first.
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>

      {job && running && (
        <Stack gap={4} maw={640}>
          <Text size="sm">
            Reading {job.fileName}… {mb(job.bytesRead)} of {mb(job.size)} · {n(job.rowsRead)} rows · {n(job.count)} matches so far
          </Text>
          <Progress value={job.size ? (100 * job.bytesRead) / job.size : 0} aria-label="Reading the registry file" animated />
          <Group>
            <Button size="xs" variant="default" onClick={() => void api['targets.cancel']({ jobId: job.jobId }).then(setJob)}>
              Stop
            </Button>
            <Text size="xs" c="dimmed">
              You can leave this page: the search goes on.
            </Text>
          </Group>
        </Stack>
      )}
      {job?.state === 'failed' && (
        <Alert color="red" role="alert" title="The search failed">
          {job.error}
        </Alert>
      )}
      {job?.state === 'cancelled' && <Text size="sm">The search was stopped.</Text>}

      {done && (
        <Paper withBorder p="md" component="section" aria-labelledby="targets-results">
          <Title order={3} size="h4" id="targets-results" mb="xs" aria-live="polite">
            {done.count === 1 ? '1 provider matches' : `${n(done.count)} providers match`}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Read {n(done.rowsRead)} rows of {done.fileName}
            {done.centre ? `; miles from the centre of ZIP ${done.centre.zip}${done.centre.exact ? '' : ' (a PO-box ZIP: its area’s centre)'}` : ''}.
            {done.capped ? ` The first ${n(TARGET_LIST_CAP)} are listed; narrow the search to see the others.` : ''}
          </Text>
          {done.count === 0 ? (
            <EmptyState
              title="No provider matches"
              body="Try more specialties, a larger distance, or both kinds of provider. With “Not already in my directory” on, everyone you already have is left out."
            />
          ) : (
            <Stack gap="sm">
              <MatchTable key={`${done.jobId}:${listVersion}`} jobId={done.jobId} total={done.listed} showMiles={done.centre !== null} selected={selected} setSelected={setSelected} />
              <Group align="end" wrap="wrap">
                <div style={{ width: 280 }}>
                  <LiaisonSelect label="Liaison who owns them" members={members ?? []} ownerId={owner.ownerId} ownerName={owner.ownerName} onChange={setOwner} />
                </div>
                <Button onClick={() => void add(false)} loading={adding} disabled={selected.size === 0 || !hasOwner}>
                  Add {n(selected.size)} as prospects
                </Button>
                <Button variant="default" onClick={() => void add(true)} loading={adding} disabled={!hasOwner}>
                  Add all {n(done.listed)} listed
                </Button>
              </Group>
              {!hasOwner && (
                <Text size="sm" c="dimmed">
                  Choose the liaison who will own them.
                </Text>
              )}
            </Stack>
          )}
          {added && (
            <Alert color="teal" mt="sm" title="Added as prospects" role="status">
              {n(added.officesAdded)} {added.officesAdded === 1 ? 'office' : 'offices'} and {n(added.peopleAdded)} {added.peopleAdded === 1 ? 'person' : 'people'} added
              {added.peopleAtExistingOffices ? ` (${n(added.peopleAtExistingOffices)} at offices you already had)` : ''}
              {added.alreadyThere ? `; ${n(added.alreadyThere)} already in your directory left as they were` : ''}
              {added.problems ? `; ${n(added.problems)} left out (${added.firstProblem})` : ''}.{' '}
              <Anchor component={Link} to={href('/offices')}>
                View offices
              </Anchor>
            </Alert>
          )}
        </Paper>
      )}
    </Stack>
  );
}
