import { Checkbox, Group, Loader, Pagination, Table, Text } from '@mantine/core';
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { api, type ApiOutput } from '../api';
import { notifyError } from '../notify';

type Match = ApiOutput<'targets.matches'>['rows'][number];

const PAGE = 100;

interface Props {
  jobId: string;
  /** matches listed */
  total: number;
  showMiles: boolean;
  selected: ReadonlySet<number>;
  setSelected: Dispatch<SetStateAction<ReadonlySet<number>>>;
}

/** A search's matches, a page of 100 at a time (at most 5,000 are kept), each with a checkbox; what was added says so. */
export function MatchTable({ jobId, total, showMiles, selected, setSelected }: Props) {
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Match[] | null>(null);
  useEffect(() => {
    let live = true;
    api['targets.matches']({ jobId, offset: (page - 1) * PAGE, limit: PAGE }).then(
      (r) => live && setRows(r.rows),
      (e: unknown) => notifyError('Could not show the matches', e),
    );
    return () => {
      live = false;
    };
  }, [jobId, page]);

  const open = (rows ?? []).filter((r) => !r.added);
  const allOnPage = open.length > 0 && open.every((r) => selected.has(r.id));
  const toggle = (ids: number[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const pages = Math.ceil(total / PAGE);

  if (!rows) return <Loader size="sm" aria-label="Loading the matches" />;
  return (
    <>
      <Table aria-label="Matching providers" striped withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Select every provider on this page"
                checked={allOnPage}
                indeterminate={!allOnPage && open.some((r) => selected.has(r.id))}
                onChange={(e) => toggle(open.map((r) => r.id), e.currentTarget.checked)}
              />
            </Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Specialty</Table.Th>
            <Table.Th>Practice location</Table.Th>
            <Table.Th>Phone</Table.Th>
            {showMiles && <Table.Th ta="right">Miles</Table.Th>}
            <Table.Th>NPI</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Checkbox
                  aria-label={r.added ? `${r.name} (added)` : `Select ${r.name}`}
                  checked={r.added || selected.has(r.id)}
                  disabled={r.added}
                  onChange={(e) => toggle([r.id], e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                {r.name}
                {r.added && (
                  <Text span size="xs" c="teal" ml={6}>
                    added
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{r.entity === 'organisation' ? 'Organisation' : 'Individual'}</Table.Td>
              <Table.Td>{r.specialty}</Table.Td>
              <Table.Td>{r.address}</Table.Td>
              <Table.Td>{r.phone}</Table.Td>
              {showMiles && <Table.Td ta="right">{r.miles?.toFixed(1)}</Table.Td>}
              <Table.Td>{r.npi}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {selected.size.toLocaleString()} selected
        </Text>
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label="Pages of matches" />}
      </Group>
    </>
  );
}
