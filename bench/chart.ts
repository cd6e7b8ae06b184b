// The benchmark's chart: one SVG, throughput per query beside the two reference limits (bars, log-free so
// ratios read at a glance), with p50/p99 latency written under each engine bar. No dependencies.

export interface ChartBar {
  label: string;
  eventsPerSecond: number;
  note?: string;
  reference?: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function human(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}

export function renderChart(title: string, subtitle: string, bars: readonly ChartBar[]): string {
  const width = 1000;
  const rowH = 34;
  const left = 330;
  const right = 150;
  const top = 70;
  const height = top + bars.length * rowH + 30;
  const max = Math.max(...bars.map((b) => b.eventsPerSecond), 1);
  const scale = (width - left - right) / max;
  const rows = bars.map((b, i) => {
    const y = top + i * rowH;
    const w = Math.max(1, b.eventsPerSecond * scale);
    const fill = b.reference ? '#9aa5b1' : '#2f6fde';
    return [
      `<text x="${left - 10}" y="${y + 15}" text-anchor="end" font-size="13">${esc(b.label)}</text>`,
      `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="20" fill="${fill}"/>`,
      `<text x="${(left + w + 6).toFixed(0)}" y="${y + 15}" font-size="12">${human(b.eventsPerSecond)} ev/s</text>`,
      b.note ? `<text x="${left}" y="${y + 31}" font-size="10" fill="#555">${esc(b.note)}</text>` : '',
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="20" y="28" font-size="18" font-weight="bold">${esc(title)}</text>
<text x="20" y="50" font-size="12" fill="#444">${esc(subtitle)}</text>
${rows.join('\n')}
</svg>
`;
}
