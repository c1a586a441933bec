import { describe, expect, it } from 'vitest';
import { dayBarChart, dayLineChart, fillDays, intervalSvg } from '../../../src/view/pages/svg-charts.js';
import { startTags } from './html-inspection.js';

const week = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];

describe('the SVG chart helpers', () => {
  it('fills the days between the first and the last, across a month end, with the filler', () => {
    const filled = fillDays(
      [
        { day: '2026-11-29', values: [1] },
        { day: '2026-12-02', values: [4] },
      ],
      (day) => ({ day, values: [0] }),
    );
    expect(filled).toEqual([
      { day: '2026-11-29', values: [1] },
      { day: '2026-11-30', values: [0] },
      { day: '2026-12-01', values: [0] },
      { day: '2026-12-02', values: [4] },
    ]);
    expect(fillDays([], (day) => ({ day, values: [] }))).toEqual([]);
  });

  it('draws one stacked bar per day, heights in proportion on a round axis', () => {
    const svg = dayBarChart(
      'calls',
      week.map((day, index) => ({ day, values: [index, 1] })),
      String,
    );
    const bars = startTags(svg).filter((tag) => tag.name === 'rect');
    const okHeights = bars.filter((tag) => tag.attributes.class === 'chart-bar series-0').map((tag) => Number(tag.attributes.height));
    expect(okHeights).toHaveLength(6);
    expect(okHeights[5]! / okHeights[0]!).toBeCloseTo(6, 5);
    expect(bars.filter((tag) => tag.attributes.class === 'chart-bar series-1')).toHaveLength(7);
    expect(svg).toContain('>10</text>');
    expect(svg).toContain('>11-30</text>');
    expect(svg).toContain('<title>2026-11-30: 6 / 1</title>');
    expect(startTags(svg).every((tag) => !('style' in tag.attributes))).toBe(true);
  });

  it('draws a line per day, broken where a day has no value', () => {
    const svg = dayLineChart(
      'latency',
      week.map((day, index) => ({ day, values: [index === 3 ? null : 1000 + index] })),
      (value) => `${value} ms`,
    );
    const lines = startTags(svg).filter((tag) => tag.name === 'polyline');
    expect(lines.map((tag) => tag.attributes.points?.split(' ').length)).toEqual([3, 3]);
    expect(startTags(svg).filter((tag) => tag.name === 'circle')).toHaveLength(6);
  });

  it('labels the axis without repeating a value when the values are tiny', () => {
    const svg = dayLineChart(
      'latency',
      week.map((day) => ({ day, values: [1] })),
      (value) => `${Math.round(value)} ms`,
    );
    const axis = [...svg.matchAll(/<text class="chart-axis" x="50" [^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(axis).toEqual(['0 ms', '1 ms']);
  });

  it('places a rating and its interval on the shared scale', () => {
    const svg = intervalSvg(1000, 900, 1100, { from: 800, to: 1200 }, 'mock:a');
    const range = startTags(svg).find((tag) => tag.attributes.class === 'interval-range')?.attributes;
    expect([Number(range?.x1), Number(range?.x2)]).toEqual([43, 117]);
    expect(startTags(svg).find((tag) => tag.name === 'circle')?.attributes.cx).toBe('80.0');
  });
});
