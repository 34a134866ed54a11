// The recharts pieces Fortnight draws with, in one module that is fetched only when a chart is
// first shown (loadCharts.ts): recharts and d3 are a large part of the app and most screens have no
// chart. Import this module only through loadCharts, never statically.
export { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
