import type { ComponentChildren } from 'preact';

/** A column heading; `number` right-aligns it over a column of figures. */
export type Column = string | { label: ComponentChildren; number?: boolean };

/**
 * A table in a labelled region that scrolls sideways on a narrow screen (focusable, so a keyboard can scroll it):
 * the headings from `columns`, the rows as children.
 */
export function DataTable(props: {
  label: string;
  columns: readonly Column[];
  class?: string;
  caption?: string;
  /** Shown under the table, inside the scrolling region. */
  footer?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.label}>
      <table class={props.class ? `table ${props.class}` : 'table'}>
        {props.caption && <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column, index) =>
              typeof column === 'string' ? (
                <th key={index} scope="col">
                  {column}
                </th>
              ) : (
                <th key={index} scope="col" class={column.number ? 'number' : undefined}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
      {props.footer}
    </div>
  );
}
