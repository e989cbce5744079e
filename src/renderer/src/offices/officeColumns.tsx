import { Badge } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { href, Link } from 'react-router';
import { OFFICE_KIND_LABELS, OFFICE_KINDS, SORTABLE_COLUMNS, STAGE_LABELS, STAGES, TIERS, type OfficeRow } from '../../../shared/domain/office';
import type { ColumnFilterKind } from '../components/columnMeta';

const contains: ColumnFilterKind = { type: 'text', placeholder: 'contains…' };
const text = (v: string | null) => v ?? '';
const TIER_COLORS: Record<string, string> = { A: 'teal', B: 'blue' };

/** A choice in the Liaison filter: a team member's id, and what it says ("Me (Dana Whitfield)" for me). */
export interface LiaisonOption {
  value: string;
  label: string;
}

/**
 * The office list's columns. Each `id` is the server's sort column and filter key where it has
 * one; a column sorts exactly when the server can sort by it. The Liaison filter offers the team,
 * me first, so "my offices" is one pick.
 */
export const officeColumns = (liaisons: LiaisonOption[]): ColumnDef<OfficeRow>[] => (
  [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (r) => r.name,
      enableHiding: false,
      cell: ({ row }) => (
        // The row opens the office on click too; the link is what the keyboard and Enter reach.
        <Link to={href('/offices/:id', { id: row.original.id })} onClick={(e) => e.stopPropagation()}>
          {row.original.name}
        </Link>
      ),
      meta: { width: 280, filter: contains },
    },
    {
      id: 'kind',
      header: 'Kind',
      accessorFn: (r) => OFFICE_KIND_LABELS[r.kind],
      meta: { width: 130, filter: { type: 'multi', options: OFFICE_KINDS.map((k) => ({ value: k, label: OFFICE_KIND_LABELS[k] })) } },
    },
    { id: 'specialty', header: 'Specialties', accessorFn: (r) => r.specialties.join(', '), meta: { width: 150, filter: contains } },
    { id: 'city', header: 'City', accessorFn: (r) => text(r.city), meta: { width: 130, filter: contains } },
    { id: 'state', header: 'State', accessorFn: (r) => text(r.state), meta: { width: 70, filter: { type: 'text', placeholder: 'OH' } } },
    { id: 'zip', header: 'ZIP', accessorFn: (r) => text(r.zip), meta: { width: 90, filter: { type: 'text', placeholder: 'starts…' } } },
    { id: 'phone', header: 'Phone', accessorFn: (r) => text(r.phone), meta: { width: 125 } },
    { id: 'npi', header: 'NPI', accessorFn: (r) => text(r.npi), meta: { width: 110 } },
    {
      id: 'tier',
      header: 'Tier',
      accessorFn: (r) => r.tier ?? '',
      cell: ({ row: { original: r } }) =>
        r.tier ? (
          <Badge variant="light" color={TIER_COLORS[r.tier] ?? 'gray'}>
            {r.tier}
          </Badge>
        ) : (
          ''
        ),
      meta: { width: 70, filter: { type: 'multi', options: TIERS.map((t) => ({ value: t, label: t })) } },
    },
    {
      id: 'stage',
      header: 'Stage',
      accessorFn: (r) => STAGE_LABELS[r.stage],
      meta: { width: 120, filter: { type: 'multi', options: STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })) } },
    },
    { id: 'owner', header: 'Liaison', accessorFn: (r) => text(r.ownerName), meta: { width: 140, filter: { type: 'multi', options: liaisons } } },
    { id: 'tag', header: 'Tags', accessorFn: (r) => r.tags.join(', '), meta: { width: 140, filter: contains } },
    { id: 'updatedAt', header: 'Updated', accessorFn: (r) => r.updatedAt.slice(0, 10), meta: { width: 110 } },
  ] satisfies ColumnDef<OfficeRow>[]
).map((c) => ({ ...c, enableSorting: (SORTABLE_COLUMNS as readonly string[]).includes(c.id) }));

/** Hidden until the user asks for them in the Columns menu. */
export const OFFICE_COLUMNS_HIDDEN_BY_DEFAULT = { tag: false, npi: false, updatedAt: false };
