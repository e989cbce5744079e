import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { href, Link } from 'react-router';
import { ENTRY_KIND_LABELS, MEAL_PLACE_LABELS, type GiftEntryOut } from '../../../shared/domain/gift';
import { receiptFileName } from '../../../shared/gifts/receipts';
import { formatCents } from '../../../shared/money';
import { api, ApiError } from '../api';
import { useChanges } from '../changes';
import { chooseInMainProcess, choosesInMainProcess, uploadFile } from '../imports/upload';
import { notifyDone, notifyError } from '../notify';
import { formatLongDay } from '../visits/dates';

/** Opens a receipt: the system's viewer in the desktop app, a download in browser mode. */
export async function openReceipt(id: string): Promise<void> {
  if (choosesInMainProcess) {
    const r = await api['gifts.openReceipt']({ id });
    if (r.opened) return;
  }
  const r = await api['gifts.receipt']({ id });
  const bytes = Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: r.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  // Named for what the app found the file to be, whatever the name it came with said.
  a.download = receiptFileName(r.fileName, r.mediaType);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * One entry as recorded: its allocation, any override and receipts. Nothing here edits it: a
 * correction reverses it (a new entry), and a receipt is added as its own record.
 */
export function GiftDetailModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const [title, setTitle] = useState('Gift entry');
  return (
    <Modal opened={id !== null} onClose={onClose} title={title} size="lg">
      {id && <GiftDetail key={id} id={id} onClose={onClose} onTitle={setTitle} />}
    </Modal>
  );
}

function GiftDetail({ id, onClose, onTitle }: { id: string; onClose: () => void; onTitle: (t: string) => void }) {
  const [entry, setEntry] = useState<GiftEntryOut | null>(null);
  const [reversing, setReversing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = useCallback(() => {
    api['gifts.get']({ id }).then(
      (e) => {
        setEntry(e);
        onTitle(`${ENTRY_KIND_LABELS[e.kind]}: ${e.description}`);
      },
      (e: unknown) => notifyError('Could not open the entry', e),
    );
  }, [id, onTitle]);
  useEffect(() => load(), [load]);
  useChanges(['gift_entries', 'gift_receipts', 'gift_overrides'], load);

  async function reverse() {
    if (!entry) return;
    setBusy(true);
    try {
      await api['gifts.reverse']({ id: entry.id, reason });
      notifyDone('Entry reversed. The correction is in the log beside it.');
      setReversing(false);
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setReasonError(e.issues[0]!.message);
      else notifyError('Could not reverse the entry', e);
    } finally {
      setBusy(false);
    }
  }

  async function attach(file: { fileId: string } | File) {
    if (!entry) return;
    try {
      const fileId = file instanceof File ? (await uploadFile(file, () => {})).fileId : file.fileId;
      await api['gifts.attachReceipt']({ entryId: entry.id, fileId });
      notifyDone('Receipt attached.');
    } catch (e) {
      notifyError('Could not attach the receipt', e);
    }
  }

  const chooseReceipt = () => {
    if (!choosesInMainProcess) return fileInput.current?.click();
    chooseInMainProcess('receipt').then((f) => f && void attach(f), (e: unknown) => notifyError('Could not open the receipt', e));
  };

  return (
    <>
      {entry && (
        <Stack gap="sm">
          {entry.reverses && (
            <Alert color="gray" title="A correction">
              This entry reverses an earlier one{entry.reason ? `: ${entry.reason}` : ''}.
            </Alert>
          )}
          {entry.reversedBy && (
            <Alert color="yellow" title="Reversed">
              A later correction reverses this entry; it no longer counts toward anyone’s total.
            </Alert>
          )}
          <Text size="sm">
            {formatLongDay(entry.day)} · <Anchor component={Link} to={href('/offices/:id', { id: entry.officeId })}>{entry.officeName}</Anchor>
            {entry.place ? ` · ${MEAL_PLACE_LABELS[entry.place]}` : ''}
            {entry.inPerson ? ' · delivered in person' : ''}
          </Text>
          <Text size="sm">
            Total {formatCents(entry.totalCents)} shared by {entry.peopleSharing} {entry.peopleSharing === 1 ? 'person' : 'people'}
            {entry.vendor ? ` · from ${entry.vendor}` : ''}
            {entry.loggedBy ? ` · logged by ${entry.loggedBy}` : ''}
          </Text>
          <Table aria-label="Shares" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Recipient</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entry.shares.map((s) => (
                <Table.Tr key={s.personId}>
                  <Table.Td>
                    <Anchor component={Link} to={href('/gifts/person/:id', { id: s.personId })} onClick={onClose}>
                      {s.name}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {s.kind}
                      {s.npi ? `, NPI ${s.npi}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatCents(s.cents)}</Table.Td>
                </Table.Tr>
              ))}
              {entry.othersCents !== 0 && (
                <Table.Tr>
                  <Table.Td>People not named</Table.Td>
                  <Table.Td ta="right">{formatCents(entry.othersCents)}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {entry.overrides.map((o) => (
            <Alert key={o.id} color="orange" title={`Over the limit: overridden by ${o.byName ?? 'someone'}${o.byRole ? ` (${o.byRole})` : ''}`}>
              {o.reason}
              {o.selfDeclared && (
                <Text size="xs" c="dimmed">
                  Role self-declared: not checked by a team server.
                </Text>
              )}
            </Alert>
          ))}
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Receipts
            </Text>
            {entry.receipts.length === 0 && (
              <Text size="sm" c="dimmed">
                No receipt yet.
              </Text>
            )}
            {entry.receipts.map((r) => (
              <Group key={r.id} gap="xs">
                <Badge variant="light">{r.mediaType === 'application/pdf' ? 'PDF' : 'Image'}</Badge>
                <Anchor component="button" type="button" onClick={() => void openReceipt(r.id).catch((e: unknown) => notifyError('Could not open the receipt', e))}>
                  {r.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {Math.max(1, Math.round(r.bytes / 1024))} KB
                </Text>
              </Group>
            ))}
            <input
              ref={fileInput}
              type="file"
              hidden
              aria-label="Receipt file"
              accept="application/pdf,image/*"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) void attach(f);
              }}
            />
          </Stack>
          {reversing && (
            <Textarea
              label="Why is this entry reversed?"
              description="The entry stays in the log; a correction with the opposite amounts is added beside it."
              required
              autosize
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setReasonError(null);
              }}
              error={reasonError}
              data-autofocus
            />
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={chooseReceipt} disabled={!!entry.reverses}>
              Attach a receipt
            </Button>
            <Group gap="xs">
              {!entry.reverses && !entry.reversedBy && !reversing && (
                <Button variant="light" color="red" onClick={() => setReversing(true)}>
                  Reverse…
                </Button>
              )}
              {reversing && (
                <>
                  <Button variant="default" onClick={() => setReversing(false)}>
                    Keep it
                  </Button>
                  <Button color="red" loading={busy} onClick={() => void reverse()}>
                    Reverse entry
                  </Button>
                </>
              )}
              {!reversing && <Button onClick={onClose}>Close</Button>}
            </Group>
          </Group>
        </Stack>
      )}
    </>
  );
}
