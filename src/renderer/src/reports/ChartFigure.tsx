import '@mantine/charts/styles.css';
import { Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { usePrinting } from './print';

/**
 * The width every chart is drawn at on paper: a US Letter page less 12 mm margins is about 725 CSS
 * pixels wide, A4 a little less; 640 leaves room for the axis labels recharts draws outside it.
 */
export const PRINT_CHART_WIDTH = 640;

interface Props {
  title: string;
  /** what the chart says, in a sentence: printed under it and read by screen readers */
  caption?: ReactNode;
  height: number;
  /** the same numbers as a table, for screen readers (and tests) rather than eyes */
  table: { head: string[]; rows: (string | number)[][] };
  children: ReactNode;
}

/**
 * A chart with its words: a title, an optional caption and its numbers as a visually hidden table.
 * On paper the drawing is given a fixed size: a fixed-size ResponsiveContainer around the Mantine
 * chart hands its size down, and the chart's own container then measures nothing. Measured on
 * screen, a chart keeps the window's width on paper and is cut off at the page's edge.
 */
export function ChartFigure({ title, caption, height, table, children }: Props) {
  const printing = usePrinting();
  return (
    <Stack component="figure" gap={6} m={0} className="report-figure" aria-label={title}>
      <Title order={3} size="h5">
        {title}
      </Title>
      <div className="chart-drawing" aria-hidden style={{ height }}>
        {printing ? (
          <ResponsiveContainer width={PRINT_CHART_WIDTH} height={height}>
            {children}
          </ResponsiveContainer>
        ) : (
          children
        )}
      </div>
      {caption && (
        <Text component="figcaption" size="sm">
          {caption}
        </Text>
      )}
      <VisuallyHidden className="chart-table">
        <table aria-label={`${title}, as a table`}>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Stack>
  );
}
