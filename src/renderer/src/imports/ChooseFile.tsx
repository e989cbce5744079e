import { Button, FileInput, Progress, Stack } from '@mantine/core';
import { useState } from 'react';
import type { ImportFileInfo } from '../../../shared/imports/contract';
import { chooseInMainProcess, choosesInMainProcess, uploadFile } from './upload';

interface Props {
  /** the control's accessible name and visible label */
  label: string;
  description?: string;
  accept: string;
  /** the desktop app's button text */
  buttonLabel: string;
  disabled?: boolean;
  onChosen(file: ImportFileInfo): void | Promise<void>;
  onError(e: unknown): void;
}

/**
 * Hands a file to the app once, as the import does (browser mode uploads it with progress, the
 * desktop app opens its own dialog), and answers the id every later step names it by.
 */
export function ChooseFile({ label, description, accept, buttonLabel, disabled, onChosen, onError }: Props) {
  const [picked, setPicked] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(get: () => Promise<ImportFileInfo | null>) {
    setBusy(true);
    try {
      const f = await get();
      if (f) await onChosen(f);
    } catch (e) {
      onError(e);
    } finally {
      setSent(null);
      setBusy(false);
    }
  }

  if (choosesInMainProcess) {
    return (
      <Button variant="default" onClick={() => void run(chooseInMainProcess)} loading={busy} disabled={disabled} w="fit-content">
        {buttonLabel}
      </Button>
    );
  }
  return (
    <Stack gap={4}>
      <FileInput
        label={label}
        description={description}
        placeholder="Choose a file"
        accept={accept}
        value={picked}
        disabled={disabled || busy}
        clearable
        onChange={(f) => {
          setPicked(f);
          if (f) {
            setSent(0);
            void run(() => uploadFile(f, setSent));
          }
        }}
      />
      {sent !== null && <Progress value={sent * 100} aria-label={`Sending ${picked?.name ?? 'the file'} to the app`} />}
    </Stack>
  );
}
