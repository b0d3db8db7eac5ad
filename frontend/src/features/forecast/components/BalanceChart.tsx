import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDay, formatMonthDay, fromDayNumber } from '@/lib/dates';
import { formatMoney, fromCents } from '@/lib/money';
import { lowestLabelPosition, type BalanceSeries } from './balanceSeries';

/**
 * The balance over the forecast window as a step chart, the lowest point marked. Loaded lazily
 * (recharts is large), so it stays out of the initial bundle. It is hidden from screen readers:
 * the page gives them the same points as a table (BalanceTable), and says the low point in words.
 */
export default function BalanceChart({ series, currency }: { series: BalanceSeries; currency: string }) {
  const data = series.points.map((p) => ({ day: p.day, balance: p.cents / 100 }));
  const money = (cents: number) => formatMoney(fromCents(Math.round(cents)), currency);
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
  const anyNegative = series.points.some((p) => p.cents < 0);

  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240}>
        <AreaChart data={data} margin={{ top: 20, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(day: number) => formatMonthDay(fromDayNumber(day))}
            minTickGap={24}
            tick={{ fontSize: 12 }}
          />
          <YAxis width={48} tickFormatter={(value: number) => compact.format(value)} tick={{ fontSize: 12 }} />
          <Tooltip
            labelFormatter={(day) => formatDay(fromDayNumber(Number(day)))}
            formatter={(value) => [money(Number(value) * 100), 'Balance']}
          />
          {anyNegative && <ReferenceLine y={0} stroke="#b42318" strokeDasharray="4 2" />}
          <Area type="stepAfter" dataKey="balance" stroke="#0f5132" fill="#d1e7dd" strokeWidth={2} isAnimationActive={false} />
          <ReferenceDot
            x={series.lowest.day}
            y={series.lowest.cents / 100}
            r={6}
            fill={series.lowest.cents < 0 ? '#b42318' : '#b54708'}
            stroke="#fff"
            label={{ value: 'Lowest', position: lowestLabelPosition(series), fontSize: 12, fontWeight: 600 }}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
