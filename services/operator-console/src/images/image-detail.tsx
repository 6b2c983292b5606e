import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import { CONSOLE_PERMISSIONS } from '../app/permissions';
import type { ConsoleMessageKey } from '../i18n/messages';

/** What the detail shows of the image's palette. */
interface Palette {
  k: number;
  version: number;
  colours: { hex: string; lab: readonly number[]; share: number }[];
}

/** What the pipeline made of the current version that the detail shows, each through a one-time URL. */
const SHOWN_VARIANTS = ['clustered', 'generated'] as const;
type Shown = { variant: (typeof SHOWN_VARIANTS)[number]; url: string };

/**
 * One event image: its palette (re-read whenever the list sees the image change) as swatches with hex and Lab, the
 * clustered and generated images through one-time URLs, and, with write access, the start of a generation.
 */
export function ImageDetail({ imageId, updatedAt }: { imageId: string; updatedAt: string }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api, can } = useConsole();
  const [palette, setPalette] = useState<Palette | null | undefined>(undefined);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const [started, setStarted] = useState(false);
  const [shown, setShown] = useState<Shown[]>([]);

  useEffect(() => {
    let live = true;
    void call(() => api.GET('/images/{imageId}', { params: { path: { imageId } } })).then((result) => {
      if (!live) return;
      if (!result.ok) return setFailure(result.failure);
      setPalette(result.data.palette);
      const version = result.data.image.currentVersion;
      const made = SHOWN_VARIANTS.filter((variant) =>
        result.data.variants.some((v) => v.version === version && v.variant === variant),
      );
      // Each link is spent by the one <img> that loads it: new links whenever the image changes.
      void Promise.all(
        made.map((variant) =>
          call(() =>
            api.POST('/images/{imageId}/url', { params: { path: { imageId } }, body: { variant } }),
          ).then((link) => (link.ok ? { variant, url: link.data.url } : null)),
        ),
      ).then((links) => live && setShown(links.filter((l): l is Shown => l !== null)));
    });
    return () => {
      live = false;
    };
  }, [imageId, updatedAt]);

  async function generate() {
    setFailure(null);
    const result = await call(() =>
      api.POST('/images/{imageId}/generation', { params: { path: { imageId } }, body: {} }),
    );
    if (result.ok) setStarted(true);
    else setFailure(result.failure);
  }

  return (
    <section class="panel" aria-labelledby="detail-title">
      <h3 id="detail-title">{i18n.t('images.detail', { id: imageId })}</h3>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {palette === undefined && !failure && <p>{i18n.t('status.loading')}</p>}
      {palette === null && <p>{i18n.t('images.noPalette')}</p>}
      {palette && (
        <>
          <p>{i18n.t('images.palette', { k: palette.k, version: palette.version })}</p>
          <ul class="swatches" aria-label={i18n.t('images.swatches')}>
            {palette.colours.map((c) => (
              <li key={c.hex} class="swatch">
                <span class="swatch-colour" style={{ backgroundColor: c.hex }} aria-hidden="true" />
                <span class="swatch-hex">{c.hex}</span>
                <span class="swatch-lab">
                  L {c.lab[0]?.toFixed(1)} a {c.lab[1]?.toFixed(1)} b {c.lab[2]?.toFixed(1)}
                </span>
                <span class="swatch-share">{Math.round(c.share * 100)}%</span>
              </li>
            ))}
          </ul>
          <h4>{i18n.t('images.previews')}</h4>
          {shown.length === 0 && <p>{i18n.t('images.preview.none')}</p>}
          <div class="previews">
            {shown.map((s) => (
              <img
                key={s.url}
                class="preview"
                src={s.url}
                alt={i18n.t(`images.preview.${s.variant}`, { id: imageId })}
                data-variant={s.variant}
                referrerpolicy="no-referrer"
              />
            ))}
          </div>
          {can(CONSOLE_PERMISSIONS.imagesWrite) && (
            <Button onClick={() => void generate()} disabled={started}>
              {i18n.t('images.generate')}
            </Button>
          )}
          {started && <StatusBanner tone="ok">{i18n.t('images.generationStarted')}</StatusBanner>}
        </>
      )}
    </section>
  );
}
