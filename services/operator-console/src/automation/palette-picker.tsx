import { useI18n } from '@photo/web/i18n/i18n';
import type { ConsoleMessageKey } from '../i18n/messages';

/** What the picker shows of a palette (GET /palettes answers more). */
export interface PaletteView {
  paletteId: string;
  colours: readonly { hex: string; share: number }[];
}

/** At most this many palettes go into a look (the API's limit). */
export const MAX_PALETTES = 8;

/**
 * Event palettes as rows of swatches, each chosen with a checkbox named after its colours; at most `max` at once
 * (the others are disabled until one is unchosen).
 */
export function PalettePicker({
  palettes,
  chosen,
  onChange,
  legend,
  max = MAX_PALETTES,
}: {
  palettes: readonly PaletteView[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  legend: string;
  max?: number;
}) {
  const i18n = useI18n<ConsoleMessageKey>();
  if (palettes.length === 0) return <p>{i18n.t('palettes.none')}</p>;
  const toggle = (paletteId: string, on: boolean) =>
    onChange(on ? [...chosen, paletteId] : chosen.filter((id) => id !== paletteId));
  return (
    <fieldset class="palette-picker">
      <legend>{legend}</legend>
      <ul class="palette-options" aria-label={i18n.t('palettes.list')}>
        {palettes.map((p, i) => {
          const on = chosen.includes(p.paletteId);
          const label = i18n.t('palettes.choose', {
            n: i + 1,
            colours: p.colours.map((c) => c.hex).join(' '),
          });
          return (
            <li key={p.paletteId} class="palette-option">
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && chosen.length >= max}
                  aria-label={label}
                  data-palette-id={p.paletteId}
                  onChange={(e) => toggle(p.paletteId, e.currentTarget.checked)}
                />
                <span class="palette-strip" aria-hidden="true">
                  {p.colours.map((c) => (
                    <span
                      key={c.hex}
                      class="palette-strip-colour"
                      style={{ backgroundColor: c.hex, flexGrow: Math.max(c.share, 0.02) }}
                    />
                  ))}
                </span>
                <span class="palette-number" aria-hidden="true">
                  {i + 1}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
