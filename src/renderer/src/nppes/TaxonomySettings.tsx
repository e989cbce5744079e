import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { TaxonomyList } from '../../../shared/taxonomy/contract';
import { api } from '../api';
import { ChooseFile } from '../imports/ChooseFile';
import { notifyDone, notifyError } from '../notify';

/** Says which taxonomy names are in use, in words. */
export function taxonomySourceText(t: Pick<TaxonomyList, 'source' | 'fileName' | 'codes'>): string {
  return t.source === 'nucc'
    ? `NUCC’s list from “${t.fileName}” (${t.codes.toLocaleString()} codes)`
    : `the ${t.codes} common codes that come with the app`;
}

/**
 * Settings: the provider taxonomy names registry imports and target lists use. NUCC's full CSV,
 * once loaded, is kept on this computer; going back to the shipped names forgets it.
 */
export function TaxonomySettings() {
  const [list, setList] = useState<TaxonomyList | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api['taxonomy.current']({}).then(setList, () => setList(null));
  }, []);

  async function reset() {
    setBusy(true);
    try {
      setList(await api['taxonomy.reset']({}));
      notifyDone('Back to the taxonomy names that come with the app.');
    } catch (e) {
      notifyError('Could not change the taxonomy names', e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby="settings-taxonomy">
      <Title order={3} size="h4" id="settings-taxonomy">
        Provider taxonomy names
      </Title>
      <Text size="sm">
        NPI registry imports and target lists name each provider’s taxonomy code (207Q00000X is Family Medicine). In use: <b>{list ? taxonomySourceText(list) : '…'}</b>. A code
        not in the list is kept as the code.
      </Text>
      <Text size="sm" c="dimmed">
        For every code, load the CSV that the National Uniform Claim Committee publishes (nucc.org → Code Sets → Taxonomy → CSV). It is kept on this computer.
      </Text>
      <Group align="end">
        <ChooseFile
          label="NUCC taxonomy CSV"
          buttonLabel="Load NUCC’s taxonomy CSV…"
          accept=".csv,text/csv"
          disabled={busy}
          onChosen={async (f) => {
            const loaded = await api['taxonomy.load']({ fileId: f.fileId });
            setList(loaded);
            notifyDone(`Loaded ${loaded.codes.toLocaleString()} taxonomy codes from ${f.name}${loaded.skipped ? ` (${loaded.skipped} rows without a code left out)` : ''}.`);
          }}
          onError={(e) => notifyError('Could not read that taxonomy file', e)}
        />
        {list?.source === 'nucc' && (
          <Button variant="default" onClick={() => void reset()} loading={busy}>
            Use the names that come with the app
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        It needs NUCC’s columns Code and Display Name (Grouping, Classification and Section tell physicians, other clinicians, therapists and organisations apart).
      </Text>
    </Stack>
  );
}
