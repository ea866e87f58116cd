'use client';

import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { NUMERIC_LOCALE } from '../i18n/locales';
import { isAbnormal } from './vital-flags';
import type { Trend } from './vital-trends';

const HEIGHT = 180;
const LINE = '#1d4ed8';
const BAND = 'rgba(22, 163, 74, 0.16)';
const MARK = '#b91c1c';
const DAY = 86_400;

const dayMonth = new Intl.DateTimeFormat(NUMERIC_LOCALE, { day: 'numeric', month: 'numeric' });
const hourMinute = new Intl.DateTimeFormat(NUMERIC_LOCALE, { hour: 'numeric', minute: '2-digit' });

/** Shades each series' normal band under the grid and the lines. */
function drawBands(trend: Trend) {
  return (u: uPlot) => {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.fillStyle = BAND;
    for (const { min, max } of trend.bands) {
      const top = u.valToPos(max, 'y', true);
      const bottom = u.valToPos(min, 'y', true);
      ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
    }
    ctx.restore();
  };
}

/** A red diamond, larger than a normal point, on each abnormal reading (shape, not colour alone). */
function drawMarks(trend: Trend) {
  return (u: uPlot) => {
    const { ctx } = u;
    const size = 7 * devicePixelRatio;
    ctx.save();
    ctx.fillStyle = MARK;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5 * devicePixelRatio;
    for (const point of trend.points) {
      point.values.forEach((value, series) => {
        if (value === null || !isAbnormal(point.flags[series] ?? null)) return;
        const x = u.valToPos(point.at / 1000, 'x', true);
        const y = u.valToPos(value, 'y', true);
        ctx.beginPath();
        ctx.moveTo(x, y - size);
        ctx.lineTo(x + size, y);
        ctx.lineTo(x, y + size);
        ctx.lineTo(x - size, y);
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      });
    }
    ctx.restore();
  };
}

function optionsOf(trend: Trend, width: number): uPlot.Options {
  const seriesCount = trend.points[0]?.values.length ?? 1;
  const bandValues = trend.bands.flatMap((b) => [b.min, b.max]);
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: {
        time: true,
        // Room either side so the first and last marks are whole; a single reading gets a day.
        range: (_u, min, max) => {
          const pad = Math.max((max - min) * 0.06, min === max ? DAY : 0);
          return [min - pad, max + pad];
        },
      },
      y: {
        range: (_u, min, max) => {
          const low = Math.min(min, ...bandValues);
          const high = Math.max(max, ...bandValues);
          const pad = Math.max((high - low) * 0.1, 1);
          return [low - pad, high + pad];
        },
      },
    },
    axes: [
      {
        values: (u, splits) => {
          const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
          const format = span < 2 * DAY ? hourMinute : dayMonth;
          const labels = splits.map((s) => format.format(new Date(s * 1000)));
          // Ticks closer than the format's step would repeat a label: show each once.
          return labels.map((label, i) => (label === labels[i - 1] ? '' : label));
        },
      },
      { size: 44 },
    ],
    series: [
      {},
      ...Array.from({ length: seriesCount }, (_, i) => ({
        stroke: LINE,
        width: 2,
        // Blood pressure: the lower number dashed, as the key under the chart says.
        ...(i === 1 ? { dash: [6, 4] } : {}),
        points: { show: true, size: 6, fill: LINE },
        spanGaps: true,
      })),
    ],
    hooks: { drawClear: [drawBands(trend)], draw: [drawMarks(trend)] },
  };
}

function dataOf(trend: Trend): uPlot.AlignedData {
  const seriesCount = trend.points[0]?.values.length ?? 1;
  return [
    trend.points.map((p) => p.at / 1000),
    ...Array.from({ length: seriesCount }, (_, i) => trend.points.map((p) => p.values[i] ?? null)),
  ];
}

/**
 * A vital's trend drawn with uPlot, loaded only when a chart is shown so the patient screen's
 * first load does not carry it. The canvas is an image with a text label; the readings are also
 * in a table (vitals-trends.tsx).
 */
export function VitalsChart({ trend, label }: { trend: Trend; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(trend);
  latest.current = trend;
  // Redrawn when what is plotted changes, not on every render of the patient page.
  const plotted = JSON.stringify([trend.unit, trend.points.map((p) => [p.at, p.values, p.flags])]);
  useEffect(() => {
    const trend = latest.current;
    let plot: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void import('uplot').then(({ default: UPlot }) => {
      const element = container.current;
      if (cancelled || !element) return;
      plot = new UPlot(optionsOf(trend, element.clientWidth), dataOf(trend), element);
      observer = new ResizeObserver(() =>
        plot?.setSize({ width: element.clientWidth, height: HEIGHT }),
      );
      observer.observe(element);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [plotted]);
  return (
    <div
      ref={container}
      role="img"
      aria-label={label}
      data-chart={trend.kind}
      className="h-[180px] w-full overflow-hidden"
    />
  );
}
