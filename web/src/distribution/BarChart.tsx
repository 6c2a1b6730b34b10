import { useId } from 'react';
import { barLength, niceMax } from './distributionModel.js';

export interface ChartRow {
  key: string;
  label: string;
  /** one value per series */
  values: number[];
}

interface Props {
  title: string;
  rows: ChartRow[];
  /** the series' names, in the order of each row's values (a legend shows when there are two or more) */
  series?: string[];
  format?: (value: number) => string;
  /** a tone per row key (`danger`, `warn`, `ok`): bars coloured by what they mean */
  tone?: (key: string) => string | undefined;
  empty?: string;
}

const WIDTH = 520;
const VALUE_SPACE = 76;
const LABEL_HEIGHT = 16;
const BAR = 12;
const GAP = 10;

/**
 * Horizontal bars drawn as SVG (no chart library, no inline styles under the CSP): each row's label
 * above its bars, the value at the end. The image's accessible name lists every value.
 */
export function BarChart({ title, rows, series = [''], format = String, tone, empty = 'Nothing measured yet.' }: Props) {
  const id = useId();
  if (rows.length === 0) return <p className="muted small chart-empty">{empty}</p>;
  const max = niceMax(rows.flatMap((r) => r.values));
  const area = WIDTH - VALUE_SPACE;
  const rowHeight = LABEL_HEIGHT + series.length * (BAR + 2) + GAP;
  const height = rows.length * rowHeight;
  const described = rows
    .map((r) => `${r.label}: ${r.values.map((v, i) => `${series.length > 1 ? `${series[i] ?? ''} ` : ''}${format(v)}`).join(', ')}`)
    .join('; ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${String(WIDTH)} ${String(height)}`} className="chart-svg" role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{described}</desc>
        {rows.map((r, i) => {
          const y = i * rowHeight;
          const rowTone = tone?.(r.key);
          return (
            <g key={r.key} data-key={r.key} transform={`translate(0 ${String(y)})`}>
              <text x={0} y={LABEL_HEIGHT - 4} className="chart-label">
                {r.label}
              </text>
              {r.values.map((v, s) => {
                const by = LABEL_HEIGHT + s * (BAR + 2);
                const w = barLength(v, max, area);
                return (
                  <g key={s} data-series={series[s] ?? ''} data-value={v}>
                    <rect x={0} y={by} width={area} height={BAR} rx={2} className="chart-track" />
                    <rect x={0} y={by} width={w} height={BAR} rx={2} className={`chart-bar chart-bar-${String(s)}${rowTone ? ` chart-bar-${rowTone}` : ''}`} />
                    <text x={area + 6} y={by + BAR - 2} className="chart-value">
                      {format(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <figcaption className="chart-legend">
          {series.map((name, s) => (
            <span key={name} className="chart-legend-item">
              <svg viewBox="0 0 10 10" className="chart-swatch" aria-hidden="true">
                <rect width={10} height={10} rx={2} className={`chart-bar chart-bar-${String(s)}`} />
              </svg>
              {name}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
