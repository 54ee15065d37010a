import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { onThemeChange } from '../theme.ts';

interface Props {
  times: readonly number[];
  values: readonly number[];
  /** Times (ms) to mark with a vertical line: navigations, audit iterations. */
  marks?: readonly number[];
  label: string;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** A small uPlot time-series chart without axes: growth visible at a glance. */
export function Sparkline({ times, values, marks = [], label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const marksRef = useRef(marks);
  marksRef.current = marks;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const drawMarks = (u: uPlot) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = cssVar('--ls-faint');
      ctx.setLineDash([2, 2]);
      for (const t of marksRef.current) {
        const x = u.valToPos(t / 1000, 'x', true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
      ctx.restore();
    };
    const u = new uPlot(
      {
        width: el.clientWidth || 200,
        height: 36,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: {
          x: { time: true },
          y: { range: (_u, min, max) => [Math.min(0, min), max === min ? max + 1 : max] },
        },
        series: [
          {},
          {
            // Read at each draw, so a theme change (which redraws) recolours the line.
            stroke: () => cssVar('--ls-chart'),
            fill: () => cssVar('--ls-chart-fill'),
            width: 1.25,
            points: { show: false },
          },
        ],
        hooks: { draw: [drawMarks] },
      },
      [[], []],
      el,
    );
    chart.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: 36 }));
    observer.observe(el);
    const offTheme = onThemeChange(() => u.redraw());
    return () => {
      offTheme();
      observer.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setData([times.map((t) => t / 1000), [...values]]);
  }, [times.length, times[times.length - 1], values[values.length - 1]]);

  return <div class="ls-sparkline" ref={host} role="img" aria-label={label} />;
}
