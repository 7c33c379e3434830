import type { ReactNode } from 'react';

export interface TableColumn<Row> {
  label: string;
  value: (row: Row) => string | number;
}

/**
 * One chart with its caption and the same figures as a table: the chart for the eye, the table for
 * screen readers and for reading exact values (the chart's SVG is a picture to assistive technology).
 */
export function ChartFigure<Row>({ id, title, summary, rows, columns, children }: {
  id: string;
  title: string;
  summary: string;
  rows: Row[];
  columns: TableColumn<Row>[];
  children: ReactNode;
}) {
  return (
    <figure className="chart-card" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-summary`} className="muted">{summary}</p>
      </figcaption>
      <div className="chart-frame" aria-hidden="true">{children}</div>
      <details className="chart-table">
        <summary>Show as table</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>{columns.map((column) => <th key={column.label} scope="col">{column.label}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>{columns.map((column) => <td key={column.label}>{column.value(row)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
