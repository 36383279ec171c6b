/** One line of a chart: points in data units, drawn in `color`. */
export interface ChartLine {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** Points in data units; null y values break the line (a metric without a value that epoch). */
  points: { x: number; y: number | null }[];
}

export interface LineChartProps {
  title: string;
  lines: ChartLine[];
  /** The x range in data units, fixed so that the chart grows into it (e.g. epochs 1..N). */
  xDomain: [number, number];
  /** The y range; 'auto' fits round ticks around the values (losses). */
  yDomain: [number, number] | 'auto';
  xLabel?: string;
  /** Values in tooltips (tick labels take the decimals of their step). */
  yFormat?: (v: number) => string;
  testId?: string;
}

const W = 320;
const H = 150;
const PAD = { left: 38, right: 12, top: 10, bottom: 28 };

/** A step of 1, 2, 2.5 or 5 times a power of ten, about span / 4. */
function niceStep(span: number): number {
  const raw = span / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
}

/**
 * An axis around the values with round ticks (losses: 1.2 to 2.0 by 0.2 rather than 0 to 2), so
 * small changes between epochs stay visible; one value gets a band of +-10 % around it.
 */
export function autoAxis(values: number[]): { domain: [number, number]; ticks: number[] } {
  if (values.length === 0) return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) {
    const pad = Math.abs(hi) * 0.1 || 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo);
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { domain: [start, end], ticks };
}

/** At most ~6 integer ticks between a and b. */
function xTicks(a: number, b: number): number[] {
  const step = Math.max(1, Math.ceil((b - a) / 6));
  const out: number[] = [];
  for (let v = a; v <= b; v += step) out.push(v);
  return out;
}

/**
 * A small SVG line chart (no chart library): fixed axes, one polyline per line with a dot per
 * point, so that a single point shows and new points appear as data arrives. The SVG carries
 * `data-points` (how many points it draws) for tests and tooltips on every dot.
 */
export function LineChart({ title, lines, xDomain, yDomain, xLabel, yFormat = (v) => v.toFixed(3), testId }: LineChartProps) {
  const values = lines.flatMap((l) => l.points.map((p) => p.y)).filter((y): y is number => y !== null && Number.isFinite(y));
  const auto = yDomain === 'auto' ? autoAxis(values) : null;
  const [y0, y1] = auto ? auto.domain : (yDomain as [number, number]);
  const [x0, x1raw] = xDomain;
  const x1 = x1raw > x0 ? x1raw : x0 + 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number) => PAD.top + (1 - (Math.min(Math.max(y, y0), y1) - y0) / (y1 - y0 || 1)) * plotH;
  const yTicks = auto ? auto.ticks : [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * (y1 - y0));
  // Tick labels with as many decimals as their step needs (0.2 -> 1, 0.25 -> 2, 0.025 -> 3).
  const tickStep = yTicks.length > 1 ? yTicks[1]! - yTicks[0]! : 1;
  const tickDigits = [0, 1, 2, 3].find((d) => Math.abs(Math.round(tickStep * 10 ** d) - tickStep * 10 ** d) < 1e-6) ?? 4;
  const tickLabel = (v: number) => v.toFixed(tickDigits);
  const drawn = lines.reduce((n, l) => n + l.points.filter((p) => p.y !== null && Number.isFinite(p.y)).length, 0);

  return (
    <figure className="line-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${drawn} point(s)`} data-points={drawn}>
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(v)} y2={sy(v)} className="grid-line" />
            <text x={PAD.left - 5} y={sy(v) + 3.5} textAnchor="end" className="axis">
              {tickLabel(v)}
            </text>
          </g>
        ))}
        {xTicks(x0, x1).map((v) => (
          <text key={v} x={sx(v)} y={H - PAD.bottom + 14} textAnchor="middle" className="axis">
            {v}
          </text>
        ))}
        {xLabel && (
          <text x={PAD.left + plotW / 2} y={H - 3} textAnchor="middle" className="axis muted-text">
            {xLabel}
          </text>
        )}
        {lines.map((l) => {
          const segments: { x: number; y: number }[][] = [[]];
          for (const p of l.points) {
            if (p.y === null || !Number.isFinite(p.y)) segments.push([]);
            else segments[segments.length - 1]!.push({ x: p.x, y: p.y });
          }
          return (
            <g key={l.key} style={{ color: l.color }}>
              {segments
                .filter((s) => s.length > 1)
                .map((s, i) => (
                  <polyline key={i} points={s.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} className={`chart-line ${l.dashed ? 'dashed' : ''}`} />
                ))}
              {segments.flat().map((p) => (
                <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={2.8} className="chart-dot">
                  <title>{`${l.label}, ${xLabel ?? 'x'} ${p.x}: ${yFormat(p.y)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
