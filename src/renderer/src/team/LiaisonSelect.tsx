import { Select } from '@mantine/core';
import { useState } from 'react';
import type { TeamMember } from '../../../shared/domain/team';
import { normaliseName } from '../../../shared/team/memberId';

/** A name typed that is nobody on the team yet, as the select's value: added as a liaison when the office is saved. */
const NEW = 'new:';
const pendingLabel = (name: string) => `${name} (new)`;

interface Props {
  label: string;
  members: TeamMember[];
  ownerId: string | null;
  /** a new liaison's name, typed rather than picked */
  ownerName: string;
  onChange: (owner: { ownerId: string | null; ownerName: string }) => void;
  error?: unknown;
  onBlur?: () => void;
}

/**
 * The owning liaison: a searchable list of the active team (and whoever owns the office now), and
 * for a name that is nobody yet, "Add “name” as a liaison", which the save then adds to the team.
 */
export function LiaisonSelect({ label, members, ownerId, ownerName, onChange, error, onBlur }: Props) {
  const [search, setSearch] = useState('');
  const options = members.filter((m) => m.active || m.id === ownerId).map((m) => ({ value: m.id, label: m.name }));
  if (ownerName) options.push({ value: NEW + ownerName, label: pendingLabel(ownerName) });
  const typed = search.trim();
  // One option per value (Mantine refuses duplicates): no "add" for a name that is someone, or already the pending one.
  const key = normaliseName(typed);
  const taken = [ownerName, ...options.map((o) => o.label), ...members.map((m) => m.name)].some((n) => normaliseName(n) === key);
  if (typed && !taken) options.push({ value: NEW + typed, label: pendingLabel(typed) });
  const selectedLabel = ownerName ? pendingLabel(ownerName) : (options.find((o) => o.value === ownerId)?.label ?? '');
  // A name typed and left (Tab, a click on Save, Enter) means that name, picked or not: a teammate
  // if it is one, else a new liaison. Never dropped without a word.
  const commitTyped = () => {
    if (!typed || typed === selectedLabel) return;
    const member = members.find((m) => normaliseName(m.name) === key);
    if (member) onChange({ ownerId: member.id, ownerName: '' });
    else onChange({ ownerId: null, ownerName: typed });
  };
  return (
    <Select
      label={label}
      placeholder="Who owns this relationship"
      searchable
      clearable
      data={options}
      value={ownerName ? NEW + ownerName : ownerId}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage="Type a name to add a liaison"
      renderOption={({ option }) => (option.value.startsWith(NEW) && option.value.slice(NEW.length) === typed && !ownerName ? `Add “${typed}” as a liaison` : option.label)}
      onChange={(v) => {
        if (v?.startsWith(NEW)) onChange({ ownerId: null, ownerName: v.slice(NEW.length) });
        else onChange({ ownerId: v, ownerName: '' });
      }}
      error={error as string | undefined}
      onBlur={() => {
        commitTyped();
        onBlur?.();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commitTyped();
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
