import type { z } from 'zod';
import type { OfficeListQuery, OfficeQuery } from '../../shared/domain/office';

export type ParsedQuery = z.output<typeof OfficeQuery>;
export type ParsedListQuery = z.output<typeof OfficeListQuery>;
