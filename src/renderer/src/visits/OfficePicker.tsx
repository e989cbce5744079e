import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../api';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
  required?: boolean;
  'data-autofocus'?: boolean;
}

/**
 * Choose an office by typing part of its name, city or ZIP: the office list's own search answers
 * (it is fast at any size), 20 at a time. Archived offices are not offered.
 */
export function OfficePicker({ label, value, onChange, error, required, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    api['offices.list']({ search, limit: 20 }).then(
      (r) => {
        if (!live) return;
        const found = r.rows.map((o) => ({ value: o.id, label: [o.name, o.city].filter(Boolean).join(' · ') }));
        // The chosen office stays an option while the search shows others, so its label still shows.
        setOptions((prev) => {
          const chosen = prev.find((o) => o.value === value);
          return chosen && !found.some((o) => o.value === value) ? [chosen, ...found] : found;
        });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [search, value]);
  return (
    <Select
      label={label}
      required={required}
      placeholder="Type a name, city or ZIP"
      searchable
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered already: show its answer as it is.
      filter={({ options: o }) => o}
      nothingFoundMessage={search ? 'No office matches' : 'No offices yet'}
      error={error}
      {...rest}
    />
  );
}
