import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../api';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  onBlur?: () => void;
  error?: ReactNode;
  required?: boolean;
  /** an office not to offer (the one a person is moving from) */
  exclude?: string;
  /** the chosen office's name, when the form opens on one (an edit): shown before any search answers */
  initialLabel?: string;
  'data-autofocus'?: boolean;
}

type Option = { value: string; label: string };

/**
 * Choose an office by typing part of its name, city, ZIP or phone: the office list's own search
 * answers (fast at any size), 20 at a time, the latest answer only. Archived offices are not offered.
 */
export function OfficePicker({ label, value, onChange, onBlur, error, required, exclude, initialLabel, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const [found, setFound] = useState<Option[]>([]);
  const [chosen, setChosen] = useState<Option | null>(value && initialLabel ? { value, label: initialLabel } : null);
  const calls = useRef(0);
  useEffect(() => {
    const mine = ++calls.current;
    api['offices.list']({ search: debounced, limit: 20 }).then(
      (r) => mine === calls.current && setFound(r.rows.filter((o) => o.id !== exclude).map((o) => ({ value: o.id, label: [o.name, o.city].filter(Boolean).join(' · ') }))),
      () => mine === calls.current && setFound([]),
    );
  }, [debounced, exclude]);
  // The chosen office stays an option while the search shows others, so its name stays in the box.
  const options = chosen && chosen.value === value && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      label={label}
      withAsterisk={required}
      placeholder="Type a name, city or ZIP"
      searchable
      data={options}
      value={value}
      onChange={(v) => {
        setChosen(options.find((o) => o.value === v) ?? null);
        onChange(v);
      }}
      onBlur={onBlur}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered already (a match on city or ZIP too): show its answer as it is.
      filter={({ options: o }) => o}
      nothingFoundMessage={debounced ? 'No office matches' : 'No offices yet'}
      error={error}
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}
