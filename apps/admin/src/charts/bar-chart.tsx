import ReactEChartsCore from 'echarts-for-react/lib/core';
import { echarts } from './echarts';

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
  stack?: string;
}

/** A grouped (or stacked) bar chart of one value per category and series. */
export function BarChart({
  categories,
  series,
  height = 320,
  testId,
  formatNumber,
}: {
  categories: string[];
  series: BarSeries[];
  height?: number;
  testId?: string;
  formatNumber: (n: number) => string;
}) {
  const many = categories.length > 12;
  const option = {
    animationDuration: 400,
    grid: { left: 8, right: 16, top: 40, bottom: many ? 56 : 8, containLabel: true },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v)),
    },
    xAxis: {
      type: 'category',
      data: categories,
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0, width: 96, overflow: 'truncate' },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    dataZoom: many ? [{ type: 'slider', height: 16, bottom: 8, startValue: 0, endValue: 11 }] : [],
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      itemStyle: { color: s.color, borderRadius: s.stack ? 0 : [3, 3, 0, 0] },
      barMaxWidth: 28,
      ...(s.stack ? { stack: s.stack } : {}),
    })),
  };
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}
