import { Alert, Anchor, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { NppesSummary as Summary } from '../../../shared/nppes/summary';
import { api, type ApiInput, type ApiOutput } from '../api';
import { notifyError } from '../notify';
import { taxonomySourceText } from './TaxonomySettings';

interface Props {
  summary: Summary;
  /** the review's request, without the choices */
  request: ApiInput<'imports.preview'>;
  attach: Record<string, string>;
  setAttach(next: Record<string, string>): void;
  /** the preview again, with the choices made */
  onPreview(p: ApiOutput<'imports.preview'>): void;
}

const n = (x: number) => x.toLocaleString();

/**
 * The import review of an NPI registry file: what the registry's rows become, which taxonomy names
 * are used, and, for each individual who could belong to several organisations, a choice.
 */
export function NppesSummary({ summary: s, request, attach, setAttach, onPreview }: Props) {
  const [saving, setSaving] = useState<number | null>(null);

  async function choose(row: number, key: string) {
    const next = { ...attach, [String(row)]: key };
    setSaving(row);
    try {
      onPreview(await api['imports.preview']({ ...request, attach: next }));
      setAttach(next);
    } catch (e) {
      notifyError('Could not change where that provider goes', e);
    } finally {
      setSaving(null);
    }
  }

  return (
    <Alert color="blue" title="NPI registry file (NPPES)" role="region">
      <Stack gap="xs">
        <Text size="sm">
          Read as the registry’s layout: organisations become offices at their practice location; individuals join the organisation at the same address (or,
          failing that, the same phone), else an office named for their address. Change a column match on the previous step to import it as a plain spreadsheet instead.
        </Text>
        <Group gap="lg" aria-label="Registry counts">
          <Text size="sm">
            <b>{n(s.organisations)}</b> organisations
          </Text>
          <Text size="sm">
            <b>{n(s.individuals)}</b> individual providers
          </Text>
          <Text size="sm">
            <b>{n(s.attachedByAddress)}</b> placed by address, <b>{n(s.attachedByPhone)}</b> by phone
          </Text>
          <Text size="sm">
            <b>{n(s.newOfficesForIndividuals)}</b> new {s.newOfficesForIndividuals === 1 ? 'office' : 'offices'} named for an address
          </Text>
          <Text size="sm">
            <b>{n(s.deactivated)}</b> deactivated NPIs skipped
          </Text>
        </Group>
        <Text size="sm">
          Specialty names: {taxonomySourceText(s.taxonomy)}.
          {s.unknownCodeCount > 0 && (
            <>
              {' '}
              {n(s.unknownCodeCount)} {s.unknownCodeCount === 1 ? 'code is' : 'codes are'} not in it and {s.unknownCodeCount === 1 ? 'is' : 'are'} kept as{' '}
              {s.unknownCodeCount === 1 ? 'the code' : 'codes'}: {s.unknownCodes.join(', ')}
              {s.unknownCodeCount > s.unknownCodes.length ? '…' : ''}. <Anchor href="#/settings">Load NUCC’s full list in Settings</Anchor>.
            </>
          )}
        </Text>
        {s.ambiguousCount > 0 && (
          <>
            <Text size="sm">
              {n(s.ambiguousCount)} {s.ambiguousCount === 1 ? 'provider matches' : 'providers match'} more than one organisation. Each goes to the first unless you choose
              another{s.ambiguousCount > s.ambiguous.length ? ` (the first ${s.ambiguous.length} are listed)` : ''}.
            </Text>
            <Table aria-label="Providers at more than one organisation" withTableBorder fz="sm" bg="white">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Practice location</Table.Th>
                  <Table.Th>Goes to</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.ambiguous.map((c) => (
                  <Table.Tr key={c.row}>
                    <Table.Td>{c.row}</Table.Td>
                    <Table.Td>{c.person}</Table.Td>
                    <Table.Td>
                      {c.address}
                      {c.by === 'phone' ? ' (matched by phone)' : ''}
                    </Table.Td>
                    <Table.Td miw={320}>
                      <Select
                        aria-label={`Organisation for ${c.person}`}
                        size="xs"
                        data={c.candidates.map((o) => ({ value: o.key, label: o.label }))}
                        value={c.chosen}
                        allowDeselect={false}
                        disabled={saving !== null}
                        onChange={(v) => v && v !== c.chosen && void choose(c.row, v)}
                        comboboxProps={{ withinPortal: true }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Alert>
  );
}
