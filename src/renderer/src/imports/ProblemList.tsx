import { Alert, Button, Group, Pagination, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ApiInput, ApiOutput } from '../api';
import { api } from '../api';
import { downloadFile } from '../downloadFile';
import { notifyError } from '../notify';

type Preview = ApiOutput<'imports.preview'>;
type Request = ApiInput<'imports.preview'>;

const PAGE_SIZE = 100;

/** Every problem of every bad row: grouped by kind with counts, then row by row, a page at a time, and as a file to fix. */
export function ProblemList({ preview, request }: { preview: Preview; request: Request }) {
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState(preview.errors.slice(0, PAGE_SIZE));
  const [downloading, setDownloading] = useState(false);
  const pages = Math.ceil(preview.errorCount / PAGE_SIZE);

  // A new check of the file starts again at its first page (state adjusted while rendering, not in an effect).
  const [shown, setShown] = useState(preview);
  if (shown !== preview) {
    setShown(preview);
    setPage(1);
    setRows(preview.errors.slice(0, PAGE_SIZE));
  }

  async function show(p: number) {
    setPage(p);
    try {
      setRows((await api['imports.problems']({ ...request, page: p - 1, pageSize: PAGE_SIZE })).errors);
    } catch (e) {
      notifyError('Could not list those rows', e);
    }
  }

  async function download() {
    setDownloading(true);
    try {
      const { csv, fileName } = await api['imports.badRowsCsv'](request);
      downloadFile(fileName, csv);
    } catch (e) {
      notifyError('Could not make the file of rows to fix', e);
    } finally {
      setDownloading(false);
    }
  }

  const n = preview.errorCount;
  return (
    <Alert color="red" title={`${n.toLocaleString()} ${n === 1 ? 'row can’t be imported and will be' : 'rows can’t be imported and will be'} skipped`}>
      <Group justify="space-between" mb="xs" align="start">
        <Text size="sm" maw={620}>
          Download them with a column saying what is wrong, fix them in your spreadsheet and import that file; or go ahead without them.
        </Text>
        <Button size="xs" variant="default" onClick={() => void download()} loading={downloading}>
          Download rows to fix (CSV)
        </Button>
      </Group>
      <Table aria-label="Problems by kind" fz="sm" mb="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>Rows</Table.Th>
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
          {rows.map((e) => (
            <Table.Tr key={e.row}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Group mt="xs" gap="sm">
          <Pagination total={pages} value={page} onChange={(p) => void show(p)} size="sm" aria-label="Pages of rows with problems" />
          <Text size="xs" c="dimmed">
            Rows {((page - 1) * PAGE_SIZE + 1).toLocaleString()}–{Math.min(page * PAGE_SIZE, n).toLocaleString()} of {n.toLocaleString()}
          </Text>
        </Group>
      )}
    </Alert>
  );
}
